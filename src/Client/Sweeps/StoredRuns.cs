using RobustGrid.Hosting.Storage;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// Which runs the in-process silo has finished before: a run grain writes its state file only once its result is
/// stored, so a state file under <c>&lt;results&gt;/.state</c> means the run answers at once and is never trained again.
/// </summary>
public static class StoredRuns
{
    /// <summary>How many of <paramref name="runKeys"/> have a stored result under <paramref name="resultsRoot"/>.</summary>
    public static int Count(string resultsRoot, IEnumerable<string> runKeys)
    {
        string root = Path.Combine(resultsRoot, ".state");
        return Directory.Exists(root) ? runKeys.Count(key => File.Exists(Path.Combine(root, StateFileName.RelativePath("run", "run/" + key)))) : 0;
    }
}
