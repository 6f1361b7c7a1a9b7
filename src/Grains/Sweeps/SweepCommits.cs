using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Sweeps;

/// <summary>How far a coordinator's commits go when it begins: free of Orleans, tested without a cluster.</summary>
public static class SweepCommits
{
    /// <summary>
    /// The runs committed that a coordinator keeps: <paramref name="recorded"/> (its state's commit record) cut back to
    /// the parts actually in place and whole; <paramref name="damaged"/> says why when it was cut.
    /// </summary>
    public static int Intact(string sweepDirectory, int recorded, int total, out string? damaged)
    {
        int recordedParts = recorded >= total ? (total == 0 && recorded == 0 ? 0 : SweepTables.PartCount(total)) : recorded / SweepTables.RunsPerPart;
        int intact = CommittedParts.CountIntact(sweepDirectory, recordedParts);
        int runs = intact == 0 ? 0 : SweepTables.PartRange(intact - 1, total).End;
        damaged = intact < recordedParts
            ? $"part {intact} of the {recordedParts} committed is missing or damaged in {sweepDirectory}; committing again from run {runs + 1} of {total}"
            : null;
        return runs;
    }

    /// <summary>The first run (in key order) of the first part holding a run that failed for good; the run count when none failed.</summary>
    public static int FirstPartStart(IReadOnlyList<RunSpec> runs, IReadOnlyDictionary<string, RunOutcome> outcomes)
    {
        string[] failed = [.. outcomes.Where(o => o.Value.Status == RunStatus.Failed).Select(o => o.Key)];
        if (failed.Length == 0)
        {
            return runs.Count;
        }
        string[] keys = [.. runs.Select(r => r.Key).Order(StringComparer.Ordinal)];
        int first = failed.Select(k => Array.BinarySearch(keys, k, StringComparer.Ordinal)).Where(p => p >= 0).DefaultIfEmpty(keys.Length).Min();
        return first >= keys.Length ? runs.Count : first / SweepTables.RunsPerPart * SweepTables.RunsPerPart;
    }
}
