using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>How a run of a sweep ended, as the coordinator persists it (the result itself stays in the run grain's state).</summary>
[GenerateSerializer, Immutable]
public sealed record RunOutcome(
    [property: Id(0)] RunStatus Status,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string? Error);
