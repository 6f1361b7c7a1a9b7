using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Runs;

/// <summary>A run grain's durable state: its result once it has one. Failures are not stored, so a retry trains again.</summary>
[GenerateSerializer]
public sealed class RunState
{
    [Id(0)] public RunRecord? Result { get; set; }
}
