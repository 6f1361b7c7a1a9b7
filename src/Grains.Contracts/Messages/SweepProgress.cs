namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>
/// A sweep's progress as the coordinator sees it; <see cref="Coordinator"/> is the silo that holds the coordinator;
/// <see cref="Committed"/> the runs (in key order) whose results are committed to the sweep's parts, readable now;
/// <see cref="Silos"/> the runs this coordinator has recorded per silo that trained them (not those reused from earlier
/// sweeps), by silo name: what a page divides by time for each silo's throughput.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepProgress(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepPhase Phase,
    [property: Id(2)] int Total,
    [property: Id(3)] int Completed,
    [property: Id(4)] int Failed,
    [property: Id(5)] int Running,
    [property: Id(6)] string[] Faults,
    [property: Id(7)] string? ResultsDirectory,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt,
    [property: Id(10)] string? Coordinator = null,
    [property: Id(11)] int Committed = 0,
    [property: Id(12)] SiloRuns[]? Silos = null)
{
    public int Pending => Total - Completed - Failed - Running;

    public bool IsFinished => Phase.IsFinished();

    public static SweepProgress Unknown(string sweepId) => new(sweepId, SweepPhase.Unknown, 0, 0, 0, 0, [], null, null, null);
}
