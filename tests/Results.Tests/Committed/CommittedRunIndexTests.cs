using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Committed;

namespace RobustGrid.Results.Tests.Committed;

[Trait("Category", "Unit")]
public sealed class CommittedRunIndexTests : IDisposable
{
    private readonly TempDirectory _root = new("committed-index");

    public void Dispose() => _root.Dispose();

    private static RunRecord Done(long seed) => SampleRuns.Completed(TrainingMode.Robust, 0.1, seed, [1.0, 0.5, 0.25], 0.15);

    private static RunRecord Failed(long seed) => SampleRuns.Failed(seed);

    /// <summary>
    /// Sweep "a" (one file a table) holds seeds 1-4 completed, 5 failed, 6 failed; sweep "b" (two parts) holds
    /// 3-4 completed, 5 completed, 6 failed, 7 completed. Seeds 8 and 9 are in neither. A hidden ".state" sweep holding
    /// everything completed and a directory without tables are left out.
    /// </summary>
    private async Task<Dictionary<long, string>> WriteSweepsAsync()
    {
        await SweepResultsWriter.WriteSingleFilesAsync(Path.Combine(_root.Path, "a"), "a", [Done(1), Done(2), Done(3), Done(4), Failed(5), Failed(6)], SampleRuns.Sample);
        await PartsLayout.WriteSlicesAsync(Path.Combine(_root.Path, "b"), "b",
            PartsLayout.Slices([Done(3), Done(4), Done(5), Failed(6), Done(7)], 3), SampleRuns.Sample);
        await SweepResultsWriter.WriteAsync(Path.Combine(_root.Path, ".state"), "hidden", [.. Enumerable.Range(1, 9).Select(s => Done(s))], SampleRuns.Sample);
        Directory.CreateDirectory(Path.Combine(_root.Path, "0-empty"));
        return Enumerable.Range(1, 9).ToDictionary(s => (long)s, s => Done(s).RunKey);
    }

    [Fact]
    public async Task Each_key_is_found_in_the_first_sweep_holding_it_completed()
    {
        Dictionary<long, string> keys = await WriteSweepsAsync();
        string[] sorted = [.. keys.Values.Order(StringComparer.Ordinal)];

        CommittedRunIndex index = await CommittedRunIndex.FindAsync(_root.Path, sorted, CancellationToken.None);

        Assert.Equal([Path.Combine(_root.Path, "a"), Path.Combine(_root.Path, "b")], index.Directories);
        int[] expected = [.. sorted.Select(k => keys.Single(p => p.Value == k).Key switch
        {
            >= 1 and <= 4 => 0,
            5 or 7 => 1,
            _ => -1,
        })];
        Assert.Equal(expected, Enumerable.Range(0, sorted.Length).Select(index.SourceOf));
        Assert.Equal(6, index.Count);
        Assert.Equal(9, index.Total);
    }

    [Fact]
    public async Task A_sweep_holding_none_of_the_keys_is_not_listed()
    {
        Dictionary<long, string> keys = await WriteSweepsAsync();
        string[] sorted = [.. new[] { keys[7], keys[8] }.Order(StringComparer.Ordinal)];

        CommittedRunIndex index = await CommittedRunIndex.FindAsync(_root.Path, sorted, CancellationToken.None);

        Assert.Equal([Path.Combine(_root.Path, "b")], index.Directories);
        Assert.Equal(1, index.Count);
        Assert.Equal(sorted[0] == keys[7] ? [0, -1] : new[] { -1, 0 }, Enumerable.Range(0, 2).Select(index.SourceOf));
    }

    [Fact]
    public async Task A_missing_root_holds_nothing_and_keys_must_be_sorted()
    {
        CommittedRunIndex none = await CommittedRunIndex.FindAsync(Path.Combine(_root.Path, "missing"), ["rk1-a", "rk1-b"], CancellationToken.None);
        Assert.Equal((0, 2), (none.Count, none.Total));
        Assert.Equal([-1, -1], Enumerable.Range(0, 2).Select(none.SourceOf));
        Assert.Empty(none.Directories);
        await Assert.ThrowsAsync<ArgumentException>(() => CommittedRunIndex.FindAsync(_root.Path, ["rk1-b", "rk1-a"], CancellationToken.None));
    }

    [Fact]
    public async Task Committed_runs_reads_each_held_position_from_its_sweep()
    {
        Dictionary<long, string> keys = await WriteSweepsAsync();
        string[] sorted = [.. keys.Values.Order(StringComparer.Ordinal)];

        await using CommittedRuns runs = await CommittedRuns.FindAsync(_root.Path, sorted, (_, sample) => sample - 100, CancellationToken.None);

        Assert.Equal(6, runs.Count);
        for (int position = 0; position < sorted.Length; position++)
        {
            long seed = keys.Single(p => p.Value == sorted[position]).Key;
            RunRecord? read = await runs.ReadAsync(position, CancellationToken.None);
            Assert.Equal(runs.Holds(position), read is not null);
            if (read is not null)
            {
                Assert.Equal(RecordText.Of(Done(seed)), RecordText.Of(read));
            }
            else
            {
                Assert.Contains(seed, new long[] { 6, 8, 9 });
            }
        }
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await runs.ReadAsync(0, CancellationToken.None));
    }
}
