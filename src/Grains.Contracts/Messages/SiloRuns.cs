namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>How many of a sweep's runs trained on one silo so far (<see cref="Silo"/> as Orleans names its address).</summary>
[GenerateSerializer, Immutable]
public sealed record SiloRuns([property: Id(0)] string Silo, [property: Id(1)] int Completed);
