using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Tests.Committed;

/// <summary>Sweep directories in the parts layout, made of files the single-file writer wrote.</summary>
internal static class SweepLayouts
{
    /// <summary>
    /// Writes <paramref name="parts"/> (each a key-ordered slice of the sweep, following the one before) as parts
    /// 0, 1, ... of <paramref name="sweepDirectory"/>: each slice is written whole into a directory of its own and
    /// each table's file is moved to <c>&lt;table&gt;/part-00000N.parquet</c>, the runs part last.
    /// </summary>
    public static async Task WritePartsAsync(string sweepDirectory, string sweepId, IReadOnlyList<IReadOnlyList<RunRecord>> parts, Func<RunSpec, int, TestSample> testSample)
    {
        for (int p = 0; p < parts.Count; p++)
        {
            string slice = sweepDirectory + $".slice-{p}";
            await SweepResultsWriter.WriteSingleFilesAsync(slice, sweepId, parts[p], testSample);
            MovePart(slice, sweepDirectory, p);
            Directory.Delete(slice, recursive: true);
        }
    }

    /// <summary>Moves the single files of <paramref name="slice"/> to part <paramref name="part"/> of <paramref name="sweepDirectory"/>, the runs file last.</summary>
    public static void MovePart(string slice, string sweepDirectory, int part)
    {
        foreach (string table in SweepTables.All.Where(t => t != SweepTables.Runs).Append(SweepTables.Runs))
        {
            Directory.CreateDirectory(SweepTables.PartsDirectory(sweepDirectory, table));
            File.Move(Path.Combine(slice, SweepTables.SingleFileName(table)), SweepTables.PartPath(sweepDirectory, table, part), overwrite: true);
        }
    }

    /// <summary>The records sorted by key and cut into slices of at most <paramref name="size"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<RunRecord>> Slices(IEnumerable<RunRecord> records, int size) =>
        [.. records.OrderBy(r => r.RunKey, StringComparer.Ordinal).Chunk(size)];
}
