using System.Buffers;
using System.Diagnostics;
using RobustGrid.Core.Data;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Runs;

/// <summary>Executes run points on their task: train, evaluate clean and under attack, summarise.</summary>
public static class RunExecutor
{
    /// <summary>
    /// Runs <paramref name="point"/>: the group of one of <see cref="ExecuteGroup"/>. Throws
    /// <see cref="ArgumentException"/> when the point is invalid or names another dataset or class pair than
    /// <paramref name="task"/>, <see cref="OperationCanceledException"/> when cancelled. <paramref name="keepLogits"/> keeps
    /// every fooled sample's logit per radius (a single run's full output), not only their quantiles.
    /// </summary>
    public static RunResult Execute(BinaryTask task, RunPoint point, CancellationToken cancellationToken = default, bool keepLogits = false) =>
        ExecuteGroup(task, [point], [cancellationToken], keepLogits)[0] ?? throw new OperationCanceledException(cancellationToken);

    /// <summary>
    /// Runs a group of points that can share batches (<see cref="FusedTrainer.CanShareBatches"/>) together: they
    /// train in lockstep, and their clean logits on the train and test splits come from one fused pass each. Every
    /// result but <see cref="RunResult.Seconds"/> has the bits the point's run alone has. Entry i is point i's result,
    /// or null when <paramref name="cancellation"/>[i] was cancelled before it finished training; the others carry on.
    /// A member's <see cref="RunResult.Seconds"/> is its share of the group's wall time (the time divided by the
    /// members that finished). Throws <see cref="ArgumentException"/> when a point is invalid, names another dataset
    /// or class pair than <paramref name="task"/>, or the points cannot share batches. Each member gets its own "train" and
    /// "evaluate" spans, children of <paramref name="parents"/>[i] (default: of the current activity).
    /// </summary>
    public static RunResult?[] ExecuteGroup(BinaryTask task, IReadOnlyList<RunPoint> points, IReadOnlyList<CancellationToken>? cancellation = null,
        bool keepLogits = false, IReadOnlyList<ActivityContext>? parents = null)
    {
        if (parents is not null && parents.Count != points.Count)
        {
            throw new ArgumentException($"{parents.Count} parent spans for {points.Count} points.", nameof(parents));
        }
        foreach (RunPoint point in points)
        {
            Check(task, point);
        }
        var results = new RunResult?[points.Count];
        long started = Stopwatch.GetTimestamp();
        TrainingOutcome?[] outcomes;
        using (var spans = new MemberSpans("train", parents, points.Count))
        {
            outcomes = FusedTrainer.Train(task, points.Select(p => p.Training).ToArray(), cancellation);
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            int trained = outcomes.Count(o => o is not null);
            double samplesPerSecond = (double)task.Train.Count * trained * (points.Count > 0 ? points[0].HyperParameters.Epochs : 0) / Math.Max(trainingSeconds, 1e-9);
            RobustGridTelemetry.TrainingThroughput.Record(samplesPerSecond);
            spans.SetTag("robustgrid.train.samples_per_second", samplesPerSecond);
            spans.SetTag("robustgrid.train.group_size", points.Count);
        }
        int[] finished = Enumerable.Range(0, points.Count).Where(i => outcomes[i] is not null).ToArray();
        if (finished.Length == 0)
        {
            return results;
        }

        var summaries = new (SplitMetrics Train, AttackEvaluation Attack)[finished.Length];
        using (new MemberSpans("evaluate", parents is null ? null : finished.Select(i => parents[i]).ToArray(), finished.Length))
        {
            LinearModel[] models = finished.Select(i => outcomes[i]!.Model).ToArray();
            // Pooled: a group's train logits are a large object (8 runs x 12,000 samples); one per group would churn the LOH.
            float[] trainLogits = GroupLogits(models, task.Train);
            float[] testLogits = GroupLogits(models, task.Test);
            for (int q = 0; q < finished.Length; q++)
            {
                RunPoint point = points[finished[q]];
                SplitMetrics train = ModelEvaluation.Metrics(task.Train.Labels, trainLogits.AsSpan(q * task.Train.Count, task.Train.Count));
                AttackEvaluation attack = AttackEvaluator.Evaluate(models[q], task.Test, testLogits.AsSpan(q * task.Test.Count, task.Test.Count),
                    point.Norm, point.AttackGrid.Values(), point.Clip, point.ClosestCount, keepLogits);
                summaries[q] = (train, attack);
            }
            ArrayPool<float>.Shared.Return(trainLogits);
            ArrayPool<float>.Shared.Return(testLogits);
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds / finished.Length;
        for (int q = 0; q < finished.Length; q++)
        {
            RunPoint point = points[finished[q]];
            TrainingOutcome outcome = outcomes[finished[q]]!;
            (SplitMetrics train, AttackEvaluation attack) = summaries[q];
            var summary = RobustnessSummary.From(train.Accuracy, attack.Clean.Accuracy, attack.Curve, outcome.Model.Weights);
            results[finished[q]] = new RunResult(point.Key, point, outcome.Model.Weights, outcome.Model.Bias, outcome.Epochs, attack.Curve, attack.Misclassified, summary, seconds);
        }
        return results;
    }

    /// <summary>The point for <paramref name="task"/> and <paramref name="training"/> with the given evaluation settings.</summary>
    public static RunPoint PointFor(BinaryTask task, TrainingSpec training, AttackGrid? grid = null, bool clip = false, int closestCount = RunPoint.DefaultClosestCount) =>
        new(task.DatasetName, task.DatasetHash, task.NegativeClass, task.PositiveClass,
            training.Mode, training.Norm, training.Eps, training.Seed, training.HyperParameters,
            grid ?? AttackGrid.Default, clip, closestCount);

    private static void Check(BinaryTask task, RunPoint point)
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
    }

    /// <summary>
    /// Every model's logits on <paramref name="split"/>, model after model, from one fused pass, in an array rented
    /// from <see cref="ArrayPool{T}.Shared"/> (its first models x split entries; the caller returns it).
    /// </summary>
    private static float[] GroupLogits(LinearModel[] models, TaskSplit split)
    {
        float[] weights = models.SelectMany(m => m.Weights).ToArray();
        float[] biases = models.Select(m => m.Bias).ToArray();
        float[] logits = ArrayPool<float>.Shared.Rent(models.Length * split.Count);
        PixelKernels.LogitsGroup(split.Pixels, weights, biases, LinearModel.PixelScale, logits.AsSpan(0, models.Length * split.Count));
        return logits;
    }

    /// <summary>One span per group member, each a child of its member's parent span; the current activity is left as it was.</summary>
    private sealed class MemberSpans : IDisposable
    {
        private readonly Activity?[] _spans;
        private readonly Activity? _previous = Activity.Current;

        public MemberSpans(string name, IReadOnlyList<ActivityContext>? parents, int count)
        {
            _spans = new Activity?[count];
            for (int q = 0; q < count; q++)
            {
                _spans[q] = parents is null
                    ? RobustGridTelemetry.Source.StartActivity(name)
                    : RobustGridTelemetry.Source.StartActivity(name, ActivityKind.Internal, parents[q]);
                Activity.Current = _previous;
            }
        }

        public void SetTag(string key, object value)
        {
            foreach (Activity? span in _spans)
            {
                span?.SetTag(key, value);
            }
        }

        public void Dispose()
        {
            foreach (Activity? span in _spans)
            {
                span?.Dispose();
            }
            Activity.Current = _previous;
        }
    }
}
