using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's durable state: the spec, its expansion and where the sweep is. Per-run progress is not stored:
/// run grains keep their own results, so a resumed sweep re-asks every run and finished ones answer at once.
/// </summary>
[GenerateSerializer]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }

    [Id(1)] public RunSpec[] Runs { get; set; } = [];

    [Id(2)] public SweepPhase Phase { get; set; }

    [Id(3)] public string? ResultsDirectory { get; set; }

    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(6)] public int Failed { get; set; }

    [Id(7)] public string? Error { get; set; }
}
