using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.TestUtilities;

/// <summary>
/// A sweep directory of the parts layout (<see cref="SweepTables"/>) with parts of any size, built from real results:
/// the runs, in run-key order, cut into consecutive slices; each slice written by
/// <see cref="SweepResultsWriter.WriteSingleFilesAsync"/> and its files moved to
/// <c>&lt;sweep&gt;/&lt;table&gt;/part-00000p.parquet</c>, the runs part last as a commit renames it. A sample a slice
/// shares with an earlier one is in both parts (the coordinator's parts hold each sample once). For parts of the
/// coordinator's own size, <see cref="SweepResultsWriter.WriteAsync"/> writes them.
/// </summary>
public static class PartsLayout
{
    /// <summary>Writes <paramref name="runs"/> as <paramref name="parts"/> parts of about equal size into <paramref name="sweepDirectory"/> (created).</summary>
    public static Task WriteAsync(string sweepDirectory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunSpec, int, TestSample> testSample, int parts = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        RunRecord[] ordered = [.. runs.OrderBy(r => r.RunKey, StringComparer.Ordinal)];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, ordered.Length);
        return WriteSlicesAsync(sweepDirectory, sweepId,
            [.. Enumerable.Range(0, parts).Select(p => ordered[(p * ordered.Length / parts)..((p + 1) * ordered.Length / parts)])], testSample);
    }

    /// <summary>Writes each of <paramref name="slices"/> (key-ordered, each following the one before) as parts 0, 1, ... of <paramref name="sweepDirectory"/>.</summary>
    public static async Task WriteSlicesAsync(string sweepDirectory, string sweepId, IReadOnlyList<IReadOnlyList<RunRecord>> slices,
        Func<RunSpec, int, TestSample> testSample)
    {
        for (int p = 0; p < slices.Count; p++)
        {
            using var single = new TempDirectory("part");
            await SweepResultsWriter.WriteSingleFilesAsync(single.Path, sweepId, slices[p], testSample);
            MovePart(single.Path, sweepDirectory, p);
        }
    }

    /// <summary>Moves the single files of <paramref name="singleFiles"/> to part <paramref name="part"/> of <paramref name="sweepDirectory"/>, the runs file last, replacing that part.</summary>
    public static void MovePart(string singleFiles, string sweepDirectory, int part)
    {
        foreach (string table in SweepTables.All.Where(t => t != SweepTables.Runs).Append(SweepTables.Runs))
        {
            Directory.CreateDirectory(SweepTables.PartsDirectory(sweepDirectory, table));
            File.Move(Path.Combine(singleFiles, SweepTables.SingleFileName(table)), SweepTables.PartPath(sweepDirectory, table, part), overwrite: true);
        }
    }

    /// <summary>The records sorted by key and cut into slices of at most <paramref name="size"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<RunRecord>> Slices(IEnumerable<RunRecord> records, int size) =>
        [.. records.OrderBy(r => r.RunKey, StringComparer.Ordinal).Chunk(size)];
}
