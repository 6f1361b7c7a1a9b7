using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Grains;

/// <summary>
/// One run point, keyed by its run key. It trains once per activation: asking again returns its result, and concurrent
/// identical requests share one training. Training runs in the background; completion is reported to the sweeps
/// that asked, so no call waits for a run. The result is held in memory until a sweep has fetched it to commit it
/// (the committed Parquet parts are where finished runs are kept): a run whose activation went before that trains
/// again, to the same bits.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run unless it is running or done, and returns at once. When it finishes, the sweep
    /// <paramref name="sweepId"/> is told through <see cref="ISweepGrain.RunFinishedAsync"/>. <paramref name="traceParent"/>
    /// (W3C traceparent) parents the run's span, or null.
    /// </summary>
    Task<RunStatus> StartAsync(RunSpec spec, string sweepId, string? traceParent);

    /// <summary>
    /// The run's result, or null while it trains. A run that holds none (its activation went, with its silo or idle)
    /// starts training <paramref name="spec"/> again, for <paramref name="sweepId"/>; either way the call waits a few
    /// seconds for the training before it answers null.
    /// </summary>
    Task<RunRecord?> GetResultAsync(RunSpec spec, string sweepId);
}
