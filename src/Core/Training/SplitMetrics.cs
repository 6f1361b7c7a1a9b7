namespace RobustGrid.Core.Training;

/// <summary>Mean plain hinge loss and accuracy of a model on one split.</summary>
public readonly record struct SplitMetrics(double HingeLoss, double Accuracy);
