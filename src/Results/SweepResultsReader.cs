using Parquet.Serialization;

namespace RobustGrid.Results;

/// <summary>
/// Reads a sweep's Parquet files back (for the CLI's tables and tests; analysts use DuckDB, pandas or Spark directly).
/// The whole-file reads make an object per row: fine for a test's sweep, not for a 100,000-run one, whose readers
/// select columns (<see cref="Reading.ParquetColumns"/>: <see cref="SweepSummary.ReadAsync"/>, the report).
/// </summary>
public static class SweepResultsReader
{
    public static async Task<IReadOnlyList<RunRow>> ReadRunsAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<RunRow>(directory, SweepResultsWriter.Runs, cancellationToken);

    public static async Task<IReadOnlyList<CurveRow>> ReadCurvesAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<CurveRow>(directory, SweepResultsWriter.Curves, cancellationToken);

    public static async Task<IReadOnlyList<EpochRow>> ReadEpochsAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<EpochRow>(directory, SweepResultsWriter.Epochs, cancellationToken);

    public static async Task<IReadOnlyList<MisclassifiedRow>> ReadMisclassifiedAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<MisclassifiedRow>(directory, SweepResultsWriter.Misclassified, cancellationToken);

    public static async Task<IReadOnlyList<SampleRow>> ReadSamplesAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync<SampleRow>(directory, SweepResultsWriter.Samples, cancellationToken);

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(string directory, string name, CancellationToken cancellationToken)
        where T : class, new()
    {
        await using var stream = File.OpenRead(Path.Combine(directory, name));
        var result = await ParquetSerializer.DeserializeAsync<T>(stream, null, null, cancellationToken);
        return [.. result.Data];
    }
}
