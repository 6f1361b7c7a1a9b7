using Parquet;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Writing;

namespace RobustGrid.Results;

/// <summary>
/// The tables' Parquet options, and the tables of a set of finished runs written at once. Rows are ordered by run key,
/// then eps index, epoch or rank, and cut into parts of <see cref="SweepTables.RunsPerPart"/> runs, so the same runs
/// give byte-identical files; a coordinator writes the same parts while its runs finish (<see cref="SweepFilesWriter"/>).
/// </summary>
public static class SweepResultsWriter
{
    /// <summary>The files' Parquet options: Zstd at its fastest level (a new instance, for a file's own column hints).</summary>
    internal static ParquetOptions Options() => new() { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };

    /// <summary>Writes every part of every table for <paramref name="runs"/>, in any order, and a complete manifest: a finished sweep's directory but for sweep.json.</summary>
    public static Task WriteAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default) =>
        WriteOrderedAsync(directory, sweepId, runs.OrderBy(r => r.RunKey, StringComparer.Ordinal), runs.Count, testSample, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync"/> for <paramref name="count"/> records that come in ascending run-key order, each taken
    /// when its part is written (a caller may produce them as they are needed).
    /// </summary>
    public static async Task WriteOrderedAsync(string directory, string sweepId, IEnumerable<RunRecord> ordered, int count,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        var held = new SampleSet();
        int parts = SweepTables.PartCount(count);
        using IEnumerator<RunRecord> next = ordered.GetEnumerator();
        for (int part = 0; part < parts; part++)
        {
            (int first, int end) = SweepTables.PartRange(part, count);
            await using SweepFilesWriter writer = SweepFilesWriter.CreatePart(directory, sweepId, part, held, testSample, cancellationToken);
            for (int i = first; i < end; i++)
            {
                if (!next.MoveNext())
                {
                    throw new ArgumentException($"{count} runs were announced, but only {i} came.", nameof(ordered));
                }
                await writer.AppendAsync(next.Current);
            }
            await writer.CompleteAsync();
        }
        SweepManifest.Of(sweepId, count, parts, complete: true).Write(directory);
    }

    /// <summary>Writes the earlier layout, one file per table, as sweeps before committed parts had it (for tests of its readers).</summary>
    public static async Task WriteSingleFilesAsync(string directory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await using SweepFilesWriter writer = SweepFilesWriter.CreateSingleFiles(directory, sweepId, testSample, cancellationToken);
        foreach (RunRecord run in runs.OrderBy(r => r.RunKey, StringComparer.Ordinal))
        {
            await writer.AppendAsync(run);
        }
        await writer.CompleteAsync();
    }
}
