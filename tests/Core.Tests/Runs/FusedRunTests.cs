using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Tests.Training;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Runs;

[Trait("Category", "Unit")]
public sealed class FusedRunTests
{
    [Fact]
    public void Every_result_of_a_group_has_the_bits_of_its_run_alone()
    {
        BinaryTask task = TestTasks.Task(trainCount: 210, testCount: 61, features: 30, seed: 41);
        var hp = new HyperParameters(Epochs: 2, BatchSize: 50, LearningRate: 0.02f, LossReduction.Sum, Shuffle: false);
        var grid = new AttackGrid(0, 0.5, 11);
        RunPoint[] pool = FusedTrainerTests.MixedSpecs(hp, seed: 4)
            .SelectMany(s => new[] { RunExecutor.PointFor(task, s), RunExecutor.PointFor(task, s, grid, clip: true, closestCount: 3) })
            .ToArray();
        Dictionary<RunPoint, string> alone = pool.ToDictionary(p => p, p => Fingerprint(RunExecutor.Execute(task, p, keepLogits: true)));
        var random = new Random(8);
        for (int trial = 0; trial < 8; trial++)
        {
            RunPoint[] group = Enumerable.Range(0, random.Next(1, 11)).Select(_ => pool[random.Next(pool.Length)]).ToArray();

            RunResult?[] results = RunExecutor.ExecuteGroup(task, group, keepLogits: true);

            for (int q = 0; q < group.Length; q++)
            {
                Assert.NotNull(results[q]);
                Assert.Equal(alone[group[q]], Fingerprint(results[q]!));
            }
        }
    }

    [Fact]
    public void A_cancelled_or_invalid_member_does_not_harm_the_others()
    {
        BinaryTask task = TestTasks.Task(trainCount: 90, testCount: 20, features: 16, seed: 42);
        var hp = new HyperParameters(Epochs: 2, BatchSize: 30, LearningRate: 0.02f, LossReduction.Mean, Shuffle: false);
        RunPoint[] group = FusedTrainerTests.MixedSpecs(hp, seed: 6).Select(s => RunExecutor.PointFor(task, s)).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        RunResult?[] results = RunExecutor.ExecuteGroup(task, group, group.Select((_, q) => q == 2 ? cancelled.Token : default).ToArray());

        Assert.Null(results[2]);
        for (int q = 0; q < group.Length; q++)
        {
            if (q != 2)
            {
                Assert.Equal(Fingerprint(RunExecutor.Execute(task, group[q])), Fingerprint(results[q]!));
            }
        }
        Assert.Throws<OperationCanceledException>(() => RunExecutor.Execute(task, group[2], cancelled.Token));
        Assert.Throws<ArgumentException>(() => RunExecutor.ExecuteGroup(task, [group[0], group[1] with { Eps = -1 }]));
    }

    /// <summary>Every field of a result but its wall time, as exact text (floats by their bits).</summary>
    private static string Fingerprint(RunResult r)
    {
        static string F(float x) => BitConverter.SingleToInt32Bits(x).ToString("x8");
        static string D(double x) => BitConverter.DoubleToInt64Bits(x).ToString("x16");
        var parts = new List<string> { r.RunKey, string.Concat(r.Weights.Select(F)), F(r.Bias) };
        parts.AddRange(r.Epochs.Select(e => $"{e.Epoch}:{D(e.TrainLoss)}{D(e.TestLoss)}{D(e.TrainAccuracy)}{D(e.TestAccuracy)}:{string.Concat(e.WeightAbsQuantiles.Select(F))}"));
        parts.Add(string.Concat(r.Curve.Eps.Select(D)) + "|" + string.Concat(r.Curve.Accuracy.Select(D)) + r.Curve.Norm + r.Curve.Clipped);
        parts.AddRange(r.Misclassified.Select(m =>
            $"{D(m.Eps)}:{m.Count}:{string.Concat(m.AbsLogitQuantiles.Select(F))}:{string.Join(",", m.Closest.Select(c => $"{c.TestIndex}/{F(c.Logit)}"))}:{string.Concat(m.Logits.Select(F))}"));
        parts.Add($"{D(r.Summary.TrainAccuracy)}{D(r.Summary.TestAccuracy)}{r.Summary.Eps50}{D(r.Summary.CurveArea)}{D(r.Summary.WeightL1)}{D(r.Summary.SmallWeightFraction)}");
        return string.Join("\n", parts);
    }
}
