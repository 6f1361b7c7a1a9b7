using Microsoft.Extensions.Logging;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// The coordinator's call to a run grain: starts a run, or asks a run in flight again (the run grain answers at once:
/// running, or completed), and reports the run's end to <c>ended</c>. A call that fails for the cluster's reasons
/// (<see cref="RunCallFailures"/>) leaves the run in flight for the next check; a start the run grain refuses is a
/// failed attempt. Free of Orleans: <c>call</c> is the grain call.
/// </summary>
public sealed class RunCaller(Func<RunSpec, Task<RunStatus>> call, Action<string, RunStatus, string?> ended, ILogger logger)
{
    /// <param name="starting">True for a run's start; false when a run in flight is asked again.</param>
    public async Task AskAsync(RunSpec run, bool starting)
    {
        RunStatus status;
        try
        {
            status = await call(run);
        }
        catch (Exception e) when (RunCallFailures.LeavesTheRunInFlight(e, starting))
        {
            // The cluster's failure (a silo's death, Redis answering LOADING), not an attempt of the run.
            logger.LogDebug(e, "Run {RunKey} could not be reached; it is asked again at the next check", run.Key);
            return;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Starting run {RunKey} failed", run.Key);
            ended(run.Key, RunStatus.Failed, $"could not start the run: {e.Message}");
            return;
        }
        // Only the call's failures are the run's: an error in the bookkeeping below is not a failed start.
        if (status == RunStatus.Completed)
        {
            ended(run.Key, RunStatus.Completed, null);
        }
    }
}
