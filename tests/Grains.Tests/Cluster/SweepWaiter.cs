using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Tests.Cluster;

/// <summary>Waits on an explicit condition with a deadline, never a bare sleep.</summary>
internal static class SweepWaiter
{
    /// <summary>
    /// Polls until the sweep finishes. A poll that times out is retried (at most 3 times): on a loaded 2-core machine
    /// three in-process silos can be starved for a moment, and a poll is not the call under test.
    /// </summary>
    public static async Task<SweepProgress> UntilFinishedAsync(ISweepGrain sweep, TimeSpan deadline)
    {
        DateTime until = DateTime.UtcNow + deadline;
        int timeouts = 0;
        while (true)
        {
            SweepProgress progress;
            try
            {
                progress = await sweep.GetProgressAsync();
            }
            catch (TimeoutException) when (++timeouts <= 3)
            {
                continue;
            }
            if (progress.IsFinished)
            {
                return progress;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"sweep {progress.SweepId} did not finish within {deadline}: {progress.Phase}, {progress.Completed}/{progress.Total} done, {progress.Failed} failed, {progress.Running} running");
            }
            await Task.Delay(100);
        }
    }
}
