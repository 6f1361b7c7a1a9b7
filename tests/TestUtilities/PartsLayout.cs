using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.TestUtilities;

/// <summary>
/// A sweep directory of the parts layout (<see cref="SweepTables"/>) built from real results: the runs, in run-key order,
/// cut into consecutive slices; each slice written by <see cref="SweepResultsWriter.WriteSingleFilesAsync"/> and
/// its files moved to <c>&lt;sweep&gt;/&lt;table&gt;/part-00000p.parquet</c>, the runs part last as a commit renames it.
/// A sample a slice shares with an earlier one is in both parts (the coordinator's parts hold each sample once).
/// </summary>
public static class PartsLayout
{
    /// <summary>Writes <paramref name="runs"/> as <paramref name="parts"/> parts into <paramref name="sweepDirectory"/> (created).</summary>
    public static async Task WriteAsync(string sweepDirectory, string sweepId, IReadOnlyList<RunRecord> runs,
        Func<RunSpec, int, TestSample> testSample, int parts = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        RunRecord[] ordered = [.. runs.OrderBy(r => r.RunKey, StringComparer.Ordinal)];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, ordered.Length);
        Directory.CreateDirectory(sweepDirectory);
        for (int p = 0; p < parts; p++)
        {
            RunRecord[] slice = ordered[(p * ordered.Length / parts)..((p + 1) * ordered.Length / parts)];
            using var single = new TempDirectory("part");
            await SweepResultsWriter.WriteSingleFilesAsync(single.Path, sweepId, slice, testSample);
            foreach (string table in SweepTables.All.Where(t => t != SweepTables.Runs).Append(SweepTables.Runs))
            {
                Directory.CreateDirectory(SweepTables.PartsDirectory(sweepDirectory, table));
                File.Move(Path.Combine(single.Path, SweepTables.SingleFileName(table)), SweepTables.PartPath(sweepDirectory, table, p));
            }
        }
    }
}
