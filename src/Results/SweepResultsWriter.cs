using Parquet;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// The names of a sweep's five Parquet files (docs/RESULTS-SCHEMA.md), their Parquet options, and the files of a set
/// of finished runs written at once. Rows are ordered by run key, then eps index, epoch or rank, so the same runs give
/// byte-identical files; a coordinator writes the same files while its runs finish with <see cref="SweepFilesWriter"/>.
/// </summary>
public static class SweepResultsWriter
{
    public const string Runs = "runs.parquet";
    public const string Curves = "curves.parquet";
    public const string Epochs = "epochs.parquet";
    public const string Misclassified = "misclassified.parquet";
    public const string Samples = "samples.parquet";

    /// <summary>The files a complete sweep directory holds.</summary>
    public static IReadOnlyList<string> Files { get; } = [Runs, Curves, Epochs, Misclassified, Samples];

    /// <summary>The files' Parquet options: Zstd at its fastest level (a new instance, for a file's own column hints).</summary>
    internal static ParquetOptions Options() => new() { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };

    /// <summary>True when <paramref name="directory"/> holds all five files.</summary>
    public static bool IsComplete(string directory) => Files.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>Writes all five files for <paramref name="runs"/>, in any order.</summary>
    public static async Task WriteAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        await using SweepFilesWriter writer = SweepFilesWriter.Create(directory, sweepId, testSample, cancellationToken);
        foreach (RunRecord run in runs.OrderBy(r => r.RunKey, StringComparer.Ordinal))
        {
            await writer.AppendAsync(run);
        }
        await writer.CompleteAsync();
    }
}
