namespace RobustGrid.Core.Training;

/// <summary>A trained model and its per-epoch history.</summary>
public sealed record TrainingOutcome(LinearModel Model, IReadOnlyList<EpochMetrics> Epochs);
