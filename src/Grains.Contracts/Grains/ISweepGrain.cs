using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Grains;

/// <summary>
/// The coordinator of one sweep, keyed by sweep id: validates and expands the spec, fans the runs out with bounded
/// concurrency and retries, and writes the sweep's Parquet files when every run is done.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the sweep and returns its progress at once. An invalid spec comes back <see cref="SweepPhase.Rejected"/>
    /// with its faults; the same spec again resumes or, when done, rewrites the files from stored results without training.
    /// </summary>
    Task<SweepProgress> StartAsync(SweepSpec spec);

    Task<SweepProgress> GetProgressAsync();

    /// <summary>Called by a run grain when its run completed or failed.</summary>
    Task RunFinishedAsync(string runKey, RunStatus status, string? error);
}
