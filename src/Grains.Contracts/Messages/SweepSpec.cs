using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>
/// A sweep as the user writes it (JSON or CLI flags): the grid is the product of pairs x modes x norms x eps x seeds,
/// where a regular run has no eps. Null hyper-parameters take the seed-faithful preset of each mode.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepSpec
{
    [Id(0)] public DatasetRef Dataset { get; init; } = DatasetRef.Embedded;

    /// <summary>Class pairs as [negative, positive]; default 0 vs 1.</summary>
    [Id(1)] public int[][] Pairs { get; init; } = [[0, 1]];

    /// <summary>Regular and/or robust training ("regular", "robust" in JSON and flags: <see cref="EnumNames"/>).</summary>
    [Id(2)] public TrainingMode[] Modes { get; init; } = [TrainingMode.Regular, TrainingMode.Robust];

    /// <summary>Threat models ("linf", "l2", "l1" in JSON and flags: <see cref="EnumNames"/>).</summary>
    [Id(3)] public ThreatNorm[] Norms { get; init; } = [ThreatNorm.Linf];

    /// <summary>Training radii of robust runs.</summary>
    [Id(4)] public double[] Eps { get; init; } = [0.1, 0.2, 0.3];

    [Id(5)] public long[] Seeds { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Id(6)] public int? Epochs { get; init; }

    [Id(7)] public int? BatchSize { get; init; }

    /// <summary>Overrides both presets' learning rates when set.</summary>
    [Id(8)] public float? LearningRate { get; init; }

    [Id(9)] public bool Shuffle { get; init; }

    [Id(10)] public double AttackEpsMax { get; init; } = 0.5;

    [Id(11)] public int AttackPoints { get; init; } = 101;

    [Id(12)] public bool Clip { get; init; }

    [Id(13)] public int ClosestCount { get; init; } = 10;

    /// <summary>Runs in flight at once; null means two full training groups per core of the cluster.</summary>
    [Id(14)] public int? Concurrency { get; init; }

    /// <summary>How many times a failed run is retried before it is recorded as failed.</summary>
    [Id(15)] public int Retries { get; init; } = 2;

    /// <summary>Every pair of the dataset's classes (negative &lt; positive), in place of <see cref="Pairs"/>: "pairs": "all", <c>--pairs all</c>.</summary>
    [Id(16)] public bool AllPairs { get; init; }

    /// <summary>Write transfer.parquet when the runs are done: transfer attacks between the sweep's models (<c>--transfer</c>).</summary>
    [Id(17)] public bool Transfer { get; init; }
}
