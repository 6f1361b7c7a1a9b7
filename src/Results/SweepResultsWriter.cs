using Parquet;
using Parquet.Serialization;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// Writes a sweep's four Parquet files (docs/RESULTS-SCHEMA.md). Rows are ordered by run key, then eps index,
/// epoch or rank, so the same runs give byte-identical files. Each file goes to a temporary name beside its
/// final one and is renamed into place, so a reader never sees half a file and a failure leaves nothing.
/// A coordinator that streams misclassified.parquet while runs finish (<see cref="MisclassifiedFileWriter"/>)
/// writes the other three with <see cref="WriteSummaryFilesAsync"/>.
/// </summary>
public static class SweepResultsWriter
{
    public const string Runs = "runs.parquet";
    public const string Curves = "curves.parquet";
    public const string Epochs = "epochs.parquet";
    public const string Misclassified = "misclassified.parquet";

    internal static readonly ParquetOptions Options = new() { RowGroupSize = 100_000, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };

    /// <summary>Writes all four files.</summary>
    public static async Task WriteAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunRecord, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        RunRecord[] ordered = Ordered(runs);
        await WriteOrderedSummaryFilesAsync(directory, sweepId, ordered, cancellationToken);
        await using MisclassifiedFileWriter misclassified = await MisclassifiedFileWriter.CreateAsync(directory, sweepId, testSample, cancellationToken);
        foreach (RunRecord run in ordered)
        {
            await misclassified.AppendAsync(run);
        }
        await misclassified.CompleteAsync();
    }

    /// <summary>Writes runs.parquet, curves.parquet and epochs.parquet.</summary>
    public static Task WriteSummaryFilesAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken = default) =>
        WriteOrderedSummaryFilesAsync(directory, sweepId, Ordered(runs), cancellationToken);

    private static async Task WriteOrderedSummaryFilesAsync(string directory, string sweepId, RunRecord[] ordered, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await WriteFileAsync(directory, Runs, ordered.Select(r => RowMapping.Run(sweepId, r)), cancellationToken);
        await WriteFileAsync(directory, Curves, ordered.SelectMany(r => RowMapping.Curve(sweepId, r)), cancellationToken);
        await WriteFileAsync(directory, Epochs, ordered.SelectMany(r => RowMapping.Epoch(sweepId, r)), cancellationToken);
    }

    private static RunRecord[] Ordered(IReadOnlyList<RunRecord> runs) => [.. runs.OrderBy(r => r.RunKey, StringComparer.Ordinal)];

    private static Task WriteFileAsync<T>(string directory, string name, IEnumerable<T> rows, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(directory, name, stream => ParquetSerializer.SerializeAsync(rows.ToList(), stream, Options, null, cancellationToken));
}
