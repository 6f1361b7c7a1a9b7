using System.Security.Cryptography;
using System.Text;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Whether a sweep's plan still holds: a sweep persists its spec, not its runs, and plans them again when it resumes
/// or is asked again; the runs must be those it started with. And whether a spec asked for under an existing sweep's
/// id gives that sweep's results. Free of Orleans: datasets come from <c>loadDataset</c> (a silo's <c>TaskCache</c>).
/// </summary>
public static class SweepPlanCheck
{
    /// <summary>The SHA-256 (lower-case hex) of the run keys in ordinal order, comma-separated: the same runs in any order, the same fingerprint.</summary>
    public static string Fingerprint(IEnumerable<RunSpec> runs)
    {
        // The SHA-256 of the sorted keys joined by commas, hashed a key at a time: the joined text of a 1,000,000-run
        // sweep would be 200 MB at once.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        bool first = true;
        foreach (string key in runs.Select(r => r.Key).Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                hash.AppendData(","u8);
            }
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            first = false;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Plans <paramref name="spec"/> again (no bound on its runs: it was checked when the sweep started). The runs, when
    /// their <see cref="Fingerprint"/> is <paramref name="fingerprint"/>; otherwise no runs and why the sweep cannot go on.
    /// </summary>
    public static (IReadOnlyList<RunSpec>? Runs, string? Fault) Replan(string sweepId, SweepSpec spec, string fingerprint, Func<DatasetRef, Dataset> loadDataset)
    {
        SweepPlanner.Plan plan = SweepPlanner.Create(spec, loadDataset, int.MaxValue);
        if (plan.Faults.Count > 0 || Fingerprint(plan.Runs) != fingerprint)
        {
            return (null, $"sweep '{sweepId}' cannot resume: its spec no longer gives the runs it started with"
                + (plan.Faults.Count > 0 ? $" ({string.Join("; ", plan.Faults)})" : " (its dataset's content changed)") + ".");
        }
        return (plan.Runs, null);
    }

    /// <summary>
    /// Null when both specs give the same results (<see cref="SweepIdentity"/>), else what differs, the existing spec's
    /// value first. The datasets' contents are compared only when the specs name different datasets: the same reference
    /// stands for the same content here, and a content change is caught by <see cref="Replan"/>.
    /// </summary>
    public static string? SpecDifference(SweepSpec existing, SweepSpec requested, Func<DatasetRef, Dataset> loadDataset)
    {
        (string a, string b) = existing.Dataset == requested.Dataset ? ("", "") : (DatasetHash(existing.Dataset), DatasetHash(requested.Dataset));
        return SweepIdentity.Of(existing, a).Difference(SweepIdentity.Of(requested, b));

        string DatasetHash(DatasetRef dataset)
        {
            try
            {
                return loadDataset(dataset).ContentHash;
            }
            catch (DatasetException)
            {
                return $"unreadable {dataset}";
            }
        }
    }
}
