using Orleans.Runtime;
using Orleans.Storage;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class RunCallFailuresTests
{
    public static TheoryData<Exception> TheClustersFailures() =>
    [
        new TimeoutException("Response did not arrive on time"),
        new SiloUnavailableException("the silo died"),
        new InconsistentStateException("etag mismatch"),
        new InvalidOperationException("LOADING Redis is loading the dataset in memory"),
        new TaskCanceledException(),
        new OrleansException("anything else"),
    ];

    public static TheoryData<Exception> RefusalsOfTheRun() =>
    [
        new ArgumentException("the spec's key is not the grain's", "spec"),
        new ArgumentOutOfRangeException("epochs"),
        new ArgumentNullException("spec"),
    ];

    [Theory]
    [MemberData(nameof(TheClustersFailures))]
    public void A_failure_of_the_cluster_leaves_the_run_in_flight_on_a_start_and_when_asked_again(Exception e)
    {
        Assert.False(RunCallFailures.RefusesTheRun(e));
        Assert.True(RunCallFailures.LeavesTheRunInFlight(e, starting: true));
        Assert.True(RunCallFailures.LeavesTheRunInFlight(e, starting: false));
    }

    [Theory]
    [MemberData(nameof(RefusalsOfTheRun))]
    public void A_start_the_run_grain_refuses_is_an_attempt_of_the_run(Exception e)
    {
        Assert.True(RunCallFailures.RefusesTheRun(e));
        Assert.False(RunCallFailures.LeavesTheRunInFlight(e, starting: true));
    }

    [Theory]
    [MemberData(nameof(RefusalsOfTheRun))]
    public void A_run_in_flight_asked_again_stays_in_flight_whatever_the_call_throws(Exception e) =>
        Assert.True(RunCallFailures.LeavesTheRunInFlight(e, starting: false));
}
