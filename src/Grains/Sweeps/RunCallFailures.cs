namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Whose failure a failed call from the coordinator to a run grain is. Only a start the run grain itself refused is
/// the run's; anything else (a dead or unreachable silo, a timeout, storage failing to load the run's state, Redis
/// restarting and answering LOADING) is the cluster's: not an attempt of the run, which stays in flight and is asked
/// again at the next check.
/// </summary>
public static class RunCallFailures
{
    /// <summary>A start the run grain refused (its spec does not fit it): the one failure of the call that is the run's.</summary>
    public static bool RefusesTheRun(Exception e) => e is ArgumentException;

    /// <summary>
    /// True when the run stays in flight after the call failed: always when a run in flight was asked again
    /// (<paramref name="starting"/> false), and on a start unless the run grain refused the run.
    /// </summary>
    public static bool LeavesTheRunInFlight(Exception e, bool starting) => !starting || !RefusesTheRun(e);
}
