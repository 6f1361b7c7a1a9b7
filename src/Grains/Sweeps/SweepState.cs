using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's durable state: the spec, its expansion, where the sweep is, and how each finished run ended
/// (the results themselves stay in the run grains' state). A coordinator that resumes on another silo starts only
/// the runs not in <see cref="Finished"/>; those that were in flight are asked again and answer at once if done.
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

    [Id(8)] public Dictionary<string, RunOutcome> Finished { get; set; } = [];
}
