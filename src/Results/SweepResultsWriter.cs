using Parquet;
using Parquet.Serialization;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// Writes a sweep's four Parquet files (docs/RESULTS-SCHEMA.md). Rows are ordered by run key, then eps index,
/// epoch or rank, so the same runs give byte-identical files. Each file goes to a temporary name beside its
/// final one and is renamed into place, so a reader never sees half a file and a failure leaves nothing.
/// </summary>
public static class SweepResultsWriter
{
    public const string Runs = "runs.parquet";
    public const string Curves = "curves.parquet";
    public const string Epochs = "epochs.parquet";
    public const string Misclassified = "misclassified.parquet";

    private static readonly ParquetOptions _options = new() { RowGroupSize = 100_000, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };


    public static async Task WriteAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunRecord, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        RunRecord[] ordered = [.. runs.OrderBy(r => r.RunKey, StringComparer.Ordinal)];
        await WriteFileAsync(directory, Runs, ordered.Select(r => RowMapping.Run(sweepId, r)), cancellationToken);
        await WriteFileAsync(directory, Curves, ordered.SelectMany(r => RowMapping.Curve(sweepId, r)), cancellationToken);
        await WriteFileAsync(directory, Epochs, ordered.SelectMany(r => RowMapping.Epoch(sweepId, r)), cancellationToken);
        var images = new Dictionary<(string, int, int, int), TestSample>();
        TestSample Shared(RunRecord r, int testIndex)
        {
            // One buffer per test image, shared by every row that shows it.
            var key = (r.Spec.DatasetHash, r.Spec.NegativeClass, r.Spec.PositiveClass, testIndex);
            if (!images.TryGetValue(key, out TestSample? sample))
            {
                sample = testSample(r, testIndex);
                images[key] = sample with { Pixels = sample.Pixels.ToArray() };
            }
            return images[key];
        }
        await WriteAtomicallyAsync(directory, Misclassified, stream => MisclassifiedColumnsWriter.WriteAsync(stream, sweepId, ordered, Shared, _options, cancellationToken));
    }

    private static Task WriteFileAsync<T>(string directory, string name, IEnumerable<T> rows, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(directory, name, stream => ParquetSerializer.SerializeAsync(rows.ToList(), stream, _options, null, cancellationToken));

    private static async Task WriteAtomicallyAsync(string directory, string name, Func<Stream, Task> write)
    {
        string final = Path.Combine(directory, name);
        string temporary = Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
            }
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
