using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Tests.Cluster;

/// <summary>Waits on an explicit condition with a deadline, never a bare sleep.</summary>
internal static class SweepWaiter
{
    public static async Task<SweepProgress> UntilFinishedAsync(ISweepGrain sweep, TimeSpan deadline)
    {
        DateTime until = DateTime.UtcNow + deadline;
        while (true)
        {
            SweepProgress progress = await sweep.GetProgressAsync();
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
