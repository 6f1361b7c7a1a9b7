namespace RobustGrid.Core.Training;

/// <summary>The optimiser settings of one run.</summary>
/// <param name="Epochs">Passes over the training split.</param>
/// <param name="BatchSize">Samples per SGD step; the last batch of an epoch may be smaller.</param>
/// <param name="LearningRate">Plain SGD step size.</param>
/// <param name="Reduction">Mean or sum of the batch's per-sample losses.</param>
/// <param name="Shuffle">Shuffle the training order every epoch from the run's seed; false keeps dataset order.</param>
public sealed record HyperParameters(int Epochs, int BatchSize, float LearningRate, LossReduction Reduction, bool Shuffle)
{
    /// <summary>The study's recipe: 10 epochs, batch 100, no shuffling; regular uses the mean hinge at lr 0.1,
    /// robust the summed robust hinge at lr 1e-4.</summary>
    public static HyperParameters SeedFaithful(TrainingMode mode) => mode switch
    {
        TrainingMode.Regular => new HyperParameters(10, 100, 0.1f, LossReduction.Mean, false),
        TrainingMode.Robust => new HyperParameters(10, 100, 1e-4f, LossReduction.Sum, false),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown training mode."),
    };

    public const int MaxEpochs = 100_000;
    public const int MaxBatchSize = 1_000_000;

    /// <summary>Returns the faults of these settings, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var faults = new List<string>();
        if (Epochs < 1 || Epochs > MaxEpochs)
        {
            faults.Add($"epochs must be between 1 and {MaxEpochs} (got {Epochs}).");
        }
        if (BatchSize < 1 || BatchSize > MaxBatchSize)
        {
            faults.Add($"batch size must be between 1 and {MaxBatchSize} (got {BatchSize}).");
        }
        if (!float.IsFinite(LearningRate) || LearningRate <= 0f)
        {
            faults.Add($"learning rate must be a positive finite number (got {LearningRate}).");
        }
        if (!Enum.IsDefined(Reduction))
        {
            faults.Add($"unknown loss reduction {Reduction}.");
        }
        return faults;
    }
}
