namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>One epoch of a run's training history (see Core's EpochMetrics for the definitions).</summary>
[GenerateSerializer, Immutable]
public sealed record EpochRecord(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double TestLoss,
    [property: Id(3)] double TrainAccuracy,
    [property: Id(4)] double TestAccuracy)
{
    /// <summary>21 quantiles of |w_i| at the end of the epoch (probabilities 0, 0.05, ..., 1); empty in records of older runs.</summary>
    [Id(5)] public float[] WeightAbsQuantiles { get; init; } = [];
}
