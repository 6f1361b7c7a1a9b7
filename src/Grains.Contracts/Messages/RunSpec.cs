using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>A run point on the wire: the Core <see cref="RunPoint"/> plus where its dataset lives.</summary>
[GenerateSerializer, Immutable]
public sealed record RunSpec(
    [property: Id(0)] DatasetRef Dataset,
    [property: Id(1)] string DatasetName,
    [property: Id(2)] string DatasetHash,
    [property: Id(3)] int NegativeClass,
    [property: Id(4)] int PositiveClass,
    [property: Id(5)] TrainingMode Mode,
    [property: Id(6)] ThreatNorm Norm,
    [property: Id(7)] double Eps,
    [property: Id(8)] long Seed,
    [property: Id(9)] int Epochs,
    [property: Id(10)] int BatchSize,
    [property: Id(11)] float LearningRate,
    [property: Id(12)] LossReduction Reduction,
    [property: Id(13)] bool Shuffle,
    [property: Id(14)] double AttackStart,
    [property: Id(15)] double AttackStop,
    [property: Id(16)] int AttackCount,
    [property: Id(17)] bool Clip,
    [property: Id(18)] int ClosestCount)
{
    // Not serialized: each process computes it once, on first use.
    [NonSerialized]
    private string? _key;

    /// <summary>
    /// A copy for <c>with</c>: every member but the cached key, which the changed copy computes again.
    /// </summary>
    private RunSpec(RunSpec original)
    {
        (Dataset, DatasetName, DatasetHash, NegativeClass, PositiveClass, Mode, Norm, Eps, Seed) =
            (original.Dataset, original.DatasetName, original.DatasetHash, original.NegativeClass, original.PositiveClass, original.Mode, original.Norm, original.Eps, original.Seed);
        (Epochs, BatchSize, LearningRate, Reduction, Shuffle, AttackStart, AttackStop, AttackCount, Clip, ClosestCount) =
            (original.Epochs, original.BatchSize, original.LearningRate, original.Reduction, original.Shuffle, original.AttackStart, original.AttackStop, original.AttackCount, original.Clip, original.ClosestCount);
    }

    /// <summary>The run key of <see cref="ToPoint"/> (the run grain's key), hashed once per instance: the ledger, the results stream and the coordinator's checks ask for it at every step.</summary>
    public string Key => _key ??= ToPoint().Key;

    public RunPoint ToPoint() => new(
        DatasetName, DatasetHash, NegativeClass, PositiveClass, Mode, Norm, Eps, Seed,
        new HyperParameters(Epochs, BatchSize, LearningRate, Reduction, Shuffle),
        new AttackGrid(AttackStart, AttackStop, AttackCount), Clip, ClosestCount);

    /// <param name="key">The point's key when the caller has it already (<see cref="RunPoint.Key"/>), so it is not hashed again.</param>
    public static RunSpec From(RunPoint p, DatasetRef dataset, string? key = null) => new(
        dataset, p.DatasetName, p.DatasetHash, p.NegativeClass, p.PositiveClass, p.Mode, p.Norm, p.Eps, p.Seed,
        p.HyperParameters.Epochs, p.HyperParameters.BatchSize, p.HyperParameters.LearningRate, p.HyperParameters.Reduction,
        p.HyperParameters.Shuffle, p.AttackGrid.Start, p.AttackGrid.Stop, p.AttackGrid.Count, p.Clip, p.ClosestCount)
    {
        _key = key,
    };
}
