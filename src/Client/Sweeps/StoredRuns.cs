using RobustGrid.Hosting.Storage;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// Which runs the in-process silo has finished before: a run grain writes its state file only once its result is
/// stored, so a state file under <c>&lt;results&gt;/.state</c> means the run answers at once and is never trained again.
/// Runs are keyed by their point, not by sweep, so a new sweep finds the runs of earlier sweeps it shares with them.
/// </summary>
public static class StoredRuns
{
    /// <summary>How many of <paramref name="runKeys"/> have a stored result under <paramref name="resultsRoot"/>.</summary>
    public static int Count(string resultsRoot, IEnumerable<string> runKeys)
    {
        string root = Path.Combine(resultsRoot, ".state");
        return Directory.Exists(root) ? runKeys.Count(key => File.Exists(Path.Combine(root, StateFileName.RelativePath("run", "run/" + key)))) : 0;
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
