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
    /// <summary>The run key of <see cref="ToPoint"/>: the run grain's key.</summary>
    public string Key => ToPoint().Key;

    public RunPoint ToPoint() => new(
        DatasetName, DatasetHash, NegativeClass, PositiveClass, Mode, Norm, Eps, Seed,
        new HyperParameters(Epochs, BatchSize, LearningRate, Reduction, Shuffle),
        new AttackGrid(AttackStart, AttackStop, AttackCount), Clip, ClosestCount);

    public static RunSpec From(RunPoint p, DatasetRef dataset) => new(
        dataset, p.DatasetName, p.DatasetHash, p.NegativeClass, p.PositiveClass, p.Mode, p.Norm, p.Eps, p.Seed,
        p.HyperParameters.Epochs, p.HyperParameters.BatchSize, p.HyperParameters.LearningRate, p.HyperParameters.Reduction,
        p.HyperParameters.Shuffle, p.AttackGrid.Start, p.AttackGrid.Stop, p.AttackGrid.Count, p.Clip, p.ClosestCount);
}
