using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>
/// Redis holds the cluster's membership, reminders and sweeps' states, never a record per run: finished runs live in
/// the committed Parquet parts. Measured with Redis' own INFO over a 4,000-run sweep on two silo processes.
/// </summary>
[Trait("Category", "Faults")]
public sealed class RedisMemoryTests(ITestOutputHelper log)
{
    private const long MostBytesPerRun = 2048;

    [Fact]
    public async Task A_4000_run_cluster_sweep_grows_Redis_used_memory_by_at_most_2_KB_per_run()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(2, log);
        // 4 models (regular, robust at 3 eps) x 1,000 seeds, short runs.
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(1, 1000).Select(i => (long)i)], Epochs = 5 };
        int runs = SweepResults.Plan(spec).Count;
        Assert.Equal(4000, runs);
        long before = await cluster.Redis.InfoAsync("memory", "used_memory");

        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("redis-memory");
        await ClusterCall.UntilAnsweredAsync(() => sweep.StartAsync(spec), TimeSpan.FromMinutes(2), CancellationToken.None);
        SweepProgress p = await cluster.WaitAsync(sweep, x => x.IsFinished, TimeSpan.FromMinutes(8));
        Assert.True(p.Phase == SweepPhase.Completed, $"{p}: {string.Join("; ", p.Faults)}");
        long after = await cluster.Redis.InfoAsync("memory", "used_memory");

        double perRun = (after - before) / (double)runs;
        log.WriteLine($"Redis used_memory {before:N0} -> {after:N0} bytes over {runs:N0} runs: {perRun:N0} bytes per run");
        Assert.True(perRun <= MostBytesPerRun, $"Redis grew {perRun:N0} bytes per run ({before:N0} -> {after:N0}); at most {MostBytesPerRun:N0} expected");
        SweepResults.AssertExactlyOneRowPerRunPoint(p.ResultsDirectory!, spec);
    }
}
