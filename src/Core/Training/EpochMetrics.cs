namespace RobustGrid.Core.Training;

/// <summary>
/// One epoch of training history. Train loss and accuracy are the means over the epoch's samples, each
/// measured on its batch before that batch's update (as Keras reports them); the train loss is the loss
/// being minimised (robust hinge for robust runs). Test loss (always the plain hinge) and accuracy use the
/// weights at the end of the epoch, and so do the quantiles of |w_i|.
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy)
{
    /// <summary>
    /// The distribution of |w_i| at the end of the epoch: <see cref="Evaluation.LogitQuantiles.Count"/> quantiles at
    /// probabilities 0, 0.05, ..., 1 (type 7), enough to watch robust training wipe out weights below eps, epoch by epoch.
    /// </summary>
    public float[] WeightAbsQuantiles { get; init; } = [];

    /// <summary>Equal metrics and bit-equal quantiles (a record would compare the array by reference).</summary>
    public bool Equals(EpochMetrics? other) =>
        other is not null && (Epoch, TrainLoss, TestLoss, TrainAccuracy, TestAccuracy) == (other.Epoch, other.TrainLoss, other.TestLoss, other.TrainAccuracy, other.TestAccuracy)
        && WeightAbsQuantiles.AsSpan().SequenceEqual(other.WeightAbsQuantiles);

    public override int GetHashCode() => HashCode.Combine(Epoch, TrainLoss, TestLoss, TrainAccuracy, TestAccuracy, WeightAbsQuantiles.Length);
}
