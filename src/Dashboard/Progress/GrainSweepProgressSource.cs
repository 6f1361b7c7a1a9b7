using Microsoft.Extensions.Logging;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Dashboard.Progress;

/// <summary>
/// Progress from the sweep grains (a silo's own grain factory, or a gateway's client). A call that does not answer
/// within <see cref="Timeout"/> (its silo just died) gives null: the page shows the files until the sweep answers again.
/// </summary>
public sealed class GrainSweepProgressSource(IGrainFactory grains, IReadOnlyCollection<string> announced, ILogger? logger = null) : ISweepProgressSource
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(3);

    public IReadOnlyCollection<string> Announced { get; } = announced;

    public async Task<SweepProgress?> GetAsync(string sweepId, CancellationToken cancellationToken)
    {
        try
        {
            SweepProgress progress = await grains.GetGrain<ISweepGrain>(sweepId).GetProgressAsync().WaitAsync(Timeout, cancellationToken);
            return progress.Phase == SweepPhase.Unknown ? null : progress;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger?.LogDebug(e, "progress of sweep {SweepId} did not come", sweepId);
            return null;
        }
    }
}
