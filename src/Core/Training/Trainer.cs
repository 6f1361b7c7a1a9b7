using RobustGrid.Core.Data;

namespace RobustGrid.Core.Training;

/// <summary>
/// Minibatch SGD on the hinge (regular) or on the exact robust hinge (robust). For a linear model the
/// inner maximisation is closed-form: the worst perturbation lowers y f(x) by eps * ||w||_dual, so the robust
/// per-sample loss is max(0, 1 - y f(x) + eps ||w||_dual), whose subgradient on an active sample is
/// dL/dw = -y x + eps * d||w||_dual/dw and dL/db = -y. Single-threaded and deterministic.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains a model on <paramref name="task"/>'s train split, recording test metrics every epoch: the group of one
    /// of <see cref="FusedTrainer.Train"/>, so a run trained alone has the bits it has in any group.
    /// </summary>
    public static TrainingOutcome Train(BinaryTask task, TrainingSpec spec, CancellationToken cancellationToken = default)
    {
        TrainingOutcome? outcome = FusedTrainer.Train(task, [spec], [cancellationToken])[0];
        return outcome ?? throw new OperationCanceledException(cancellationToken);
    }
}
