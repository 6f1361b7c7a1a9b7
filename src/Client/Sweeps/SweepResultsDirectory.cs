using RobustGrid.Results;

namespace RobustGrid.Client.Sweeps;

/// <summary>What a sweep's results directory holds: the files of a finished sweep, or those a summary table needs.</summary>
public static class SweepResultsDirectory
{
    /// <summary>All five files of a finished sweep, in the current layout.</summary>
    public static bool IsComplete(string directory) => SweepResultsWriter.IsComplete(directory);

    /// <summary>runs.parquet and curves.parquet, the files of the summary table (a directory of an older layout has them too).</summary>
    public static bool HasSummary(string directory) =>
        new[] { SweepResultsWriter.Runs, SweepResultsWriter.Curves }.All(f => File.Exists(Path.Combine(directory, f)));
}
