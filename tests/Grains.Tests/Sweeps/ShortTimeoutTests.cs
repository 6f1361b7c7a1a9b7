using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Tests.Cluster;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>With a response timeout shorter than one run, a sweep still completes: no grain call waits for a run.</summary>
[Trait("Category", "Integration")]
public sealed class ShortTimeoutTests(ShortTimeoutClusterFixture fixture) : IClassFixture<ShortTimeoutClusterFixture>
{
    [Fact]
    public async Task Runs_longer_than_the_response_timeout_complete()
    {
        // One run at a time keeps a core free for Orleans itself: the three silos share this process's two cores.
        var spec = new SweepSpec { Modes = [TrainingMode.Regular], Seeds = [1, 2, 3], Epochs = 40_000, AttackPoints = 11, Concurrency = 1 };
        string id = "slow-" + Guid.NewGuid().ToString("N")[..8];
        ISweepGrain sweep = fixture.Cluster.Client.GetGrain<ISweepGrain>(id);

        // A design that waited for runs would time out here: the first run alone outlasts the response timeout.
        Assert.Equal(SweepPhase.Running, (await sweep.StartAsync(spec)).Phase);
        SweepProgress done = await SweepWaiter.UntilFinishedAsync(sweep, TimeSpan.FromMinutes(5));

        Assert.Equal(SweepPhase.Completed, done.Phase);
        Assert.Equal(3, done.Completed);
        var durations = DuckDb.Rows($"select duration_seconds from {DuckDb.File(done.ResultsDirectory!, "runs.parquet")}").Select(r => (double)r[0]!).ToList();
        Assert.Equal(3, durations.Count);
        Assert.True(durations.Min() > 2.0, $"each run must outlast the 2 s response timeout for this test to prove anything; the shortest took {durations.Min():0.000} s");
    }
}
