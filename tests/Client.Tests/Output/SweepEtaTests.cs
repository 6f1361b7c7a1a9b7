using RobustGrid.Client.Output;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Client.Tests.Output;

[Trait("Category", "Unit")]
public sealed class SweepEtaTests
{
    [Fact]
    public void The_rate_counts_only_runs_finished_since_following_began()
    {
        // Attached at 90,000 of 100,000; 1,000 more in 100 s: 10 runs/s, 9,000 left = 900 s. Counting the 90,000 runs
        // finished before attaching would say 9.9 s.
        Assert.Equal(TimeSpan.FromSeconds(900), SweepEta.Estimate(90_000, 91_000, 100_000, TimeSpan.FromSeconds(100)));
        Assert.Equal(TimeSpan.FromSeconds(90), SweepEta.Estimate(0, 100, 1_000, TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(50, 50, 100, 10)] // nothing finished since following began: no rate yet
    [InlineData(0, 0, 100, 10)]
    [InlineData(0, 100, 100, 10)] // nothing left
    [InlineData(0, 10, 100, 0)]
    public void No_estimate_without_a_rate_or_without_runs_left(int atStart, int finished, int total, double seconds) =>
        Assert.Null(SweepEta.Estimate(atStart, finished, total, TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(59.2, "01:00")]
    [InlineData(754, "12:34")]
    [InlineData(3600, "1:00:00")]
    [InlineData(3 * 3600 + 25 * 60 + 7, "3:25:07")]
    [InlineData(26 * 3600 + 1, "26:00:01")]
    public void Hours_are_kept(double seconds, string expected) => Assert.Equal(expected, SweepEta.Format(TimeSpan.FromSeconds(seconds)));
}
