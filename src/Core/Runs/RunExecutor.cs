using System.Diagnostics;
using RobustGrid.Core.Data;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Runs;

/// <summary>Executes one run point on its task: train, evaluate clean and under attack, summarise.</summary>
public static class RunExecutor
{
    /// <summary>
    /// Runs <paramref name="point"/>. Throws <see cref="ArgumentException"/> when the point is invalid or names
    /// another dataset or class pair than <paramref name="task"/>. <paramref name="keepLogits"/> keeps every fooled
    /// sample's logit per radius (a single run's full output), not only their quantiles.
    /// </summary>
    public static RunResult Execute(BinaryTask task, RunPoint point, CancellationToken cancellationToken = default, bool keepLogits = false)
    {
        IReadOnlyList<string> faults = point.Validate();
        if (faults.Count > 0)
        {
            throw new ArgumentException("Invalid run point: " + string.Join(" ", faults), nameof(point));
        }
        if (point.DatasetHash != task.DatasetHash || point.NegativeClass != task.NegativeClass || point.PositiveClass != task.PositiveClass)
        {
            throw new ArgumentException(
                $"The run point names dataset {point.DatasetHash} pair {point.NegativeClass},{point.PositiveClass} but the task is {task.DatasetHash} pair {task.NegativeClass},{task.PositiveClass}.",
                nameof(point));
        }

        long started = Stopwatch.GetTimestamp();
        TrainingOutcome outcome;
        using (Activity? span = RobustGridTelemetry.Source.StartActivity("train"))
        {
            outcome = Trainer.Train(task, point.Training, cancellationToken);
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            double samplesPerSecond = (double)task.Train.Count * point.HyperParameters.Epochs / Math.Max(trainingSeconds, 1e-9);
            RobustGridTelemetry.TrainingThroughput.Record(samplesPerSecond);
            span?.SetTag("robustgrid.train.samples_per_second", samplesPerSecond);
        }
        SplitMetrics train;
        AttackEvaluation attack;
        using (RobustGridTelemetry.Source.StartActivity("evaluate"))
        {
            train = ModelEvaluation.Evaluate(outcome.Model, task.Train, new float[task.Train.Count]);
            attack = AttackEvaluator.Evaluate(outcome.Model, task.Test, point.Norm, point.AttackGrid.Values(), point.Clip, point.ClosestCount, keepLogits);
        }
        var summary = RobustnessSummary.From(train.Accuracy, attack.Clean.Accuracy, attack.Curve, outcome.Model.Weights);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        return new RunResult(point.Key, point, outcome.Model.Weights, outcome.Model.Bias, outcome.Epochs, attack.Curve, attack.Misclassified, summary, seconds);
    }

    /// <summary>The point for <paramref name="task"/> and <paramref name="training"/> with the given evaluation settings.</summary>
    public static RunPoint PointFor(BinaryTask task, TrainingSpec training, AttackGrid? grid = null, bool clip = false, int closestCount = RunPoint.DefaultClosestCount) =>
        new(task.DatasetName, task.DatasetHash, task.NegativeClass, task.PositiveClass,
            training.Mode, training.Norm, training.Eps, training.Seed, training.HyperParameters,
            grid ?? AttackGrid.Default, clip, closestCount);
}
