using RobustGrid.Hosting.Storage;
using RobustGrid.Results.Committed;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// Which runs of a sweep about to run are done already: those that committed results under the results root hold
/// (earlier sweeps' parts, or this sweep's own, committed before it was interrupted). Runs are keyed by their point,
/// not by sweep, so a new sweep finds the runs of earlier sweeps it shares with them; the coordinator reads them from
/// there instead of training them.
/// </summary>
public static class StoredRuns
{
    /// <summary>How many of <paramref name="runKeys"/> committed results under <paramref name="resultsRoot"/> hold, completed.</summary>
    public static async Task<int> CountAsync(string resultsRoot, IEnumerable<string> runKeys, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(resultsRoot))
        {
            return 0;
        }
        string[] sorted = [.. runKeys.Order(StringComparer.Ordinal)];
        return (await CommittedRunIndex.FindAsync(resultsRoot, sorted, cancellationToken)).Count;
    }

    /// <summary>True when sweep <paramref name="sweepId"/> was started under <paramref name="resultsRoot"/> before: its grain stored its state.</summary>
    public static bool SweepStarted(string resultsRoot, string sweepId) =>
        File.Exists(Path.Combine(resultsRoot, ".state", StateFileName.RelativePath("sweep", "sweep/" + sweepId)));

    /// <summary>
    /// What a sweep about to run says of its <paramref name="stored"/> runs: a sweep started before resumes; a new one
    /// takes them from earlier sweeps' results. Null when none is stored.
    /// </summary>
    public static string? Line(int stored, int total, bool sweepStarted) => stored == 0 ? null : sweepStarted
        ? $"Resuming: {stored} of {total} runs already done, {total - stored} to run."
        : $"Reusing: {stored} of {total} runs are taken from earlier sweeps' results, {total - stored} to run.";
}
