using Parquet.Serialization;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results;

/// <summary>
/// Reads a sweep's tables back (for the CLI's tables and tests; analysts use DuckDB, pandas or Spark directly), in
/// either layout: a table's rows are those of its files (<see cref="SweepTables.Files"/>) in order. The whole-table
/// reads make an object per row: fine for a test's sweep, not for a 100,000-run one, whose readers select columns
/// (<see cref="ParquetColumns"/>: <see cref="SweepSummary.ReadAsync"/>, the report).
/// </summary>
public static class SweepResultsReader
{
    public static async Task<IReadOnlyList<RunRow>> ReadRunsAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<RunRow>(directory, SweepTables.Runs, cancellationToken);

    public static async Task<IReadOnlyList<CurveRow>> ReadCurvesAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<CurveRow>(directory, SweepTables.Curves, cancellationToken);

    public static async Task<IReadOnlyList<EpochRow>> ReadEpochsAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<EpochRow>(directory, SweepTables.Epochs, cancellationToken);

    public static async Task<IReadOnlyList<MisclassifiedRow>> ReadMisclassifiedAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<MisclassifiedRow>(directory, SweepTables.Misclassified, cancellationToken);

    public static async Task<IReadOnlyList<SampleRow>> ReadSamplesAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<SampleRow>(directory, SweepTables.Samples, cancellationToken);

    /// <exception cref="InvalidDataException">The directory has no file of <paramref name="table"/>.</exception>
    private static async Task<IReadOnlyList<T>> ReadAsync<T>(string directory, string table, CancellationToken cancellationToken)
        where T : class, new()
    {
        var rows = new List<T>();
        foreach (string file in TableFiles.Of(directory, table))
        {
            await using var stream = File.OpenRead(file);
            var result = await ParquetSerializer.DeserializeAsync<T>(stream, null, null, cancellationToken);
            rows.AddRange(result.Data);
        }
        return rows;
    }
}
