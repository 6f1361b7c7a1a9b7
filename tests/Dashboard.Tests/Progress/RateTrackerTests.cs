using RobustGrid.Dashboard.Progress;

namespace RobustGrid.Dashboard.Tests.Progress;

/// <summary>Runs per second and the ETA from what the server saw finish since it first looked, on a clock the test moves.</summary>
[Trait("Category", "Unit")]
public sealed class RateTrackerTests
{
    [Fact]
    public void The_rate_counts_only_runs_finished_while_watching()
    {
        var clock = new ManualClock();
        var tracker = new RateTracker(clock);
        Assert.Equal((null, null), tracker.Observe(100, 1000));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal((null, null), tracker.Observe(100, 1000));
        clock.Advance(TimeSpan.FromSeconds(10));
        (double? rate, TimeSpan? eta) = tracker.Observe(300, 1000);
        Assert.Equal(10.0, rate!.Value, 9);
        Assert.Equal(70.0, eta!.Value.TotalSeconds, 6);
    }
}
