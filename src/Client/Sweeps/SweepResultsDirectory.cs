using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// What a sweep's results directory holds, in either layout (<see cref="SweepTables"/>: one file per table, or the
/// parts a sweep commits as it runs): the tables of a finished sweep, those a summary table needs, or how far a running
/// sweep's commits go.
/// </summary>
public static class SweepResultsDirectory
{
    /// <summary>
    /// All five tables of a finished sweep, in the current layout, whatever spec they came from: the five single files, or
    /// parts of every table and the <c>sweep.json</c> a sweep of parts writes last, when it completes.
    /// </summary>
    public static bool HasAllFiles(string directory) =>
        SweepTables.All.All(t => SweepTables.Exists(directory, t))
        && (SweepTables.IsSingleFileLayout(directory) || File.Exists(Path.Combine(directory, SweepJsonFile.Name)));

    /// <summary>
    /// The finished results of exactly <paramref name="expected"/>: all five tables and a <c>sweep.json</c> naming the same
    /// spec and dataset content (and transfer.parquet when it asks for it). Files without one, or of another spec or dataset, are never complete.
    /// </summary>
    public static bool IsComplete(string directory, SweepIdentity expected) =>
        HasAllFiles(directory) && Recorded(directory) is { } recorded && recorded.Difference(expected) is null
        && (!expected.Transfer || File.Exists(Path.Combine(directory, TransferWriter.FileName)));

    /// <summary>The spec the directory's files came from (its <c>sweep.json</c>), or null when it records none.</summary>
    public static SweepIdentity? Recorded(string directory) =>
        SweepJsonFile.Read(directory) is { } json ? SweepIdentity.Parse(json) : null;

    /// <summary>The runs and curves tables, those of the summary table (a directory of an older layout has them too).</summary>
    public static bool HasSummary(string directory) => SummaryTables.All(t => SweepTables.Exists(directory, t));

    /// <summary>The tables the summary table reads.</summary>
    public static IReadOnlyList<string> SummaryTables { get; } = [SweepTables.Runs, SweepTables.Curves];

    /// <summary>
    /// The manifest of a sweep still running (its <c>manifest.json</c> says it is not complete, or it has no
    /// <c>sweep.json</c> yet): its committed parts are what can be read. Null for a finished sweep or one without a manifest
    /// (the single-file layout).
    /// </summary>
    /// <exception cref="InvalidDataException">The directory's <c>manifest.json</c> is not one (<see cref="SweepManifest.Read"/>).</exception>
    public static SweepManifest? Running(string directory) =>
        SweepManifest.Read(directory) is { } manifest && (!manifest.Complete || !File.Exists(Path.Combine(directory, SweepJsonFile.Name)))
            ? manifest
            : null;

    /// <summary>The files and part folders of the directory's tables that are present, for a "Results:" line: <c>runs.parquet</c> or <c>runs/ (20 parts)</c>.</summary>
    public static IReadOnlyList<string> Present(string directory)
    {
        var present = new List<string>();
        foreach (string table in SweepTables.All)
        {
            IReadOnlyList<string> files = SweepTables.Files(directory, table);
            if (files.Count == 0)
            {
                continue;
            }
            present.Add(files.Count == 1 && Path.GetFileName(files[0]) == SweepTables.SingleFileName(table)
                ? SweepTables.SingleFileName(table)
                : $"{table}/ ({files.Count} {(files.Count == 1 ? "part" : "parts")})");
        }
        if (File.Exists(Path.Combine(directory, TransferWriter.FileName)))
        {
            present.Add(TransferWriter.FileName);
        }
        return present;
    }
}
