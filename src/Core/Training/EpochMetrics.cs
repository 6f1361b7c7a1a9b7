namespace RobustGrid.Core.Training;

/// <summary>
/// One epoch of training history. Train loss and accuracy are the means over the epoch's samples, each
/// measured on its batch before that batch's update (as Keras reports them); the train loss is the loss
/// being minimised (robust hinge for robust runs). Test loss (always the plain hinge) and accuracy use the
/// weights at the end of the epoch.
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy);
