using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Dashboard.Progress;

/// <summary>Where the page learns a sweep's live progress (its coordinator), beside what its files say.</summary>
public interface ISweepProgressSource
{
    /// <summary>Sweeps to list even before they have a folder (the sweep <c>robustgrid sweep --dashboard</c> runs).</summary>
    IReadOnlyCollection<string> Announced { get; }

    /// <summary>The sweep's progress, or null when nobody answers for it (unknown to the cluster, or unreachable now).</summary>
    Task<SweepProgress?> GetAsync(string sweepId, CancellationToken cancellationToken);
}
