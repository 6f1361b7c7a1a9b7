namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>
/// What a run produced, as stored in the run grain's state and written to the sweep's Parquet files.
/// <see cref="AbsLogitQuantiles"/> holds, per attack radius, the quantiles of the misclassified samples' |logit|
/// (RobustGrid.Core.Evaluation.LogitQuantiles; empty where nothing is misclassified).
/// A failed run has <see cref="Status"/> Failed, its <see cref="Error"/>, and empty result arrays.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunRecord(
    [property: Id(0)] string RunKey,
    [property: Id(1)] RunSpec Spec,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] string? Error,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string Silo,
    [property: Id(6)] double DurationSeconds,
    [property: Id(7)] double TrainAccuracy,
    [property: Id(8)] double TestAccuracy,
    [property: Id(9)] double? Eps50,
    [property: Id(10)] double CurveArea,
    [property: Id(11)] double WeightL1,
    [property: Id(12)] double SmallWeightFraction,
    [property: Id(13)] float Bias,
    [property: Id(14)] float[] Weights,
    [property: Id(15)] double[] CurveEps,
    [property: Id(16)] double[] CurveAccuracy,
    [property: Id(17)] EpochRecord[] Epochs,
    [property: Id(18)] MisclassifiedRecord[] Misclassified,
    [property: Id(19)] int[] MisclassifiedCounts,
    [property: Id(20)] float[][] AbsLogitQuantiles);
