using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;

namespace RobustGrid.Client.Sweeps;

/// <summary>What a sweep's results directory holds: the files of a finished sweep, or those a summary table needs.</summary>
public static class SweepResultsDirectory
{
    /// <summary>All five files of a finished sweep, in the current layout, whatever spec they came from.</summary>
    public static bool HasAllFiles(string directory) => SweepResultsWriter.IsComplete(directory);

    /// <summary>
    /// The finished results of exactly <paramref name="expected"/>: all five files and a <c>sweep.json</c> naming the same
    /// spec and dataset content (and transfer.parquet when it asks for it). Files without one, or of another spec or dataset, are never complete.
    /// </summary>
    public static bool IsComplete(string directory, SweepIdentity expected) =>
        HasAllFiles(directory) && Recorded(directory) is { } recorded && recorded.Difference(expected) is null
        && (!expected.Transfer || File.Exists(Path.Combine(directory, TransferWriter.FileName)));

    /// <summary>The spec the directory's files came from (its <c>sweep.json</c>), or null when it records none.</summary>
    public static SweepIdentity? Recorded(string directory) =>
        SweepJsonFile.Read(directory) is { } json ? SweepIdentity.Parse(json) : null;

    /// <summary>runs.parquet and curves.parquet, the files of the summary table (a directory of an older layout has them too).</summary>
    public static bool HasSummary(string directory) =>
        new[] { SweepResultsWriter.Runs, SweepResultsWriter.Curves }.All(f => File.Exists(Path.Combine(directory, f)));
}
