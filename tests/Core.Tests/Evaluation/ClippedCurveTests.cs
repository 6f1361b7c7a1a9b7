using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

/// <summary>
/// The clipped curve (<c>--clip</c>: x' stays in [0, 1]) of runs trained on the embedded data, against the attack done
/// by hand: every test sample perturbed by <see cref="ExplicitAttack.PerturbClipped"/> (which shares nothing with
/// BoxConstrainedAttack's solver) and predicted again in double.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClippedCurveTests
{
    [Theory]
    [InlineData(TrainingMode.Regular, ThreatNorm.Linf, 0.0, 0.5)]
    [InlineData(TrainingMode.Robust, ThreatNorm.Linf, 0.1, 0.5)]
    [InlineData(TrainingMode.Robust, ThreatNorm.L2, 1.0, 8.0)]
    [InlineData(TrainingMode.Robust, ThreatNorm.L1, 2.0, 40.0)]
    public void The_clipped_curve_of_a_trained_run_equals_attacking_every_test_sample_explicitly(TrainingMode mode, ThreatNorm norm, double trainEps, double maxEps)
    {
        BinaryTask task = BinaryTask.Create(DatasetLoader.LoadEmbedded(), 0, 1);
        var hp = new HyperParameters(Epochs: 2, BatchSize: 100, LearningRate: 1e-3f, LossReduction.Sum, Shuffle: false);
        var point = new RunPoint("mnist-embedded", task.DatasetHash, 0, 1, mode, norm, trainEps, 7, hp, new AttackGrid(0, maxEps, 9), Clip: true, 5);
        RunResult run = RunExecutor.Execute(task, point);
        Assert.True(run.Curve.Clipped);
        var model = new LinearModel(run.Weights, run.Bias);
        TaskSplit test = task.Test;
        var logits = new float[test.Count];
        ModelEvaluation.Evaluate(model, test, logits);

        int clipMatters = 0;
        for (int g = 0; g < run.Curve.Eps.Length; g++)
        {
            double eps = run.Curve.Eps[g];
            int survived = 0, survivedUnclipped = 0, ambiguous = 0;
            for (int i = 0; i < test.Count; i++)
            {
                sbyte y = test.Labels[i];
                double f = ExplicitAttack.Logit(model, ExplicitAttack.PerturbClipped(model.Weights, test.Row(i), y, norm, eps));
                survived += y * f > 0 ? 1 : 0;
                survivedUnclipped += y * ExplicitAttack.Logit(model, ExplicitAttack.Perturb(model.Weights, test.Row(i), y, norm, eps)) > 0 ? 1 : 0;
                // The evaluator starts from float logits, within ~1e-5 of the double computation: only such near-ties may disagree.
                double reduction = y * (ExplicitAttack.Logit(model, [.. test.Row(i).ToArray().Select(p => p / 255.0)]) - f);
                ambiguous += Math.Abs(y * (double)logits[i] - reduction) < 1e-4 ? 1 : 0;
            }
            Assert.True(Math.Abs(run.Curve.Accuracy[g] * test.Count - survived) <= ambiguous + 1e-6,
                $"eps {eps}: the curve says {run.Curve.Accuracy[g] * test.Count:0.###} of {test.Count} samples survive, the explicit attack {survived} ({ambiguous} near-ties)");
            clipMatters += survived > survivedUnclipped ? 1 : 0;
        }
        // Not vacuous: the curve falls, and the box holds back the attack at some radius.
        Assert.True(run.Curve.Accuracy[^1] < run.Curve.Accuracy[0] - 0.2, $"the curve barely falls: {string.Join(", ", run.Curve.Accuracy)}");
        Assert.True(clipMatters > 0, "clipping changes no radius: the test would not tell a clipped curve from an unclipped one");
    }
}
