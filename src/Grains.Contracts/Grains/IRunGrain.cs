using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Grains;

/// <summary>
/// One run point, keyed by its run key. It trains once: asking again returns the stored result, and concurrent
/// identical requests share one training. Training runs in the background; completion is reported to the sweeps
/// that asked, so no call waits for a run.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run unless it is running or done, and returns at once. When it finishes, the sweep
    /// <paramref name="sweepId"/> is told through <see cref="ISweepGrain.RunFinishedAsync"/>. <paramref name="traceParent"/>
    /// (W3C traceparent) parents the run's span, or null.
    /// </summary>
    Task<RunStatus> StartAsync(RunSpec spec, string sweepId, string? traceParent);

    /// <summary>The stored result, or null while there is none.</summary>
    Task<RunRecord?> GetResultAsync();
}
