using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Tests.Cluster;

/// <summary>Waits on an explicit condition with a deadline, never a bare sleep.</summary>
internal static class SweepWaiter
{
    /// <summary>
    /// Polls until the sweep finishes. A failed poll is retried (<see cref="ClusterCall"/>): on a loaded 2-core machine
    /// three in-process silos can be starved for a moment, and a poll is not the call under test.
    /// </summary>
    public static Task<SweepProgress> UntilFinishedAsync(ISweepGrain sweep, TimeSpan deadline) =>
        ClusterCall.UntilAsync(sweep.GetProgressAsync, p => p.IsFinished, deadline, TimeSpan.FromMilliseconds(100));
}
