namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>The life of a sweep.</summary>
[GenerateSerializer]
public enum SweepPhase
{
    /// <summary>No sweep with this id has been started.</summary>
    Unknown = 0,

    /// <summary>The spec was invalid; nothing ran and nothing was written.</summary>
    Rejected = 1,

    Running = 2,

    /// <summary>Every run is done; the Parquet files are being written.</summary>
    Writing = 3,

    /// <summary>Every run completed and the files are written.</summary>
    Completed = 4,

    /// <summary>The files are written, but some runs failed after all retries.</summary>
    CompletedWithFailures = 5,

    /// <summary>The results could not be written.</summary>
    Failed = 6,
}

/// <summary>The one definition of a finished sweep, for the coordinator, its clients and the CLI alike.</summary>
public static class SweepPhases
{
    /// <summary>Rejected, completed (with or without failed runs) or failed: nothing more will happen to it.</summary>
    public static bool IsFinished(this SweepPhase phase) =>
        phase is SweepPhase.Rejected or SweepPhase.Completed or SweepPhase.CompletedWithFailures or SweepPhase.Failed;
}
