using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

[Trait("Category", "Unit")]
public sealed class AttackEvaluatorTests
{
    private static readonly double[] _grid = AttackGrid.Default.Values();

    [Theory]
    [InlineData(ThreatNorm.Linf)]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void Sorted_margin_curve_equals_explicitly_perturbing_every_image(ThreatNorm norm)
    {
        TaskSplit test = TestTasks.Split(count: 400, features: 50, seed: 3);
        LinearModel model = TestTasks.Model(features: 50, seed: 4, scale: norm == ThreatNorm.L1 ? 1f : 0.05f);
        double[] grid = norm == ThreatNorm.Linf ? _grid : new AttackGrid(0, 3, 61).Values();

        AttackEvaluation evaluation = AttackEvaluator.Evaluate(model, test, norm, grid, clip: false, closestCount: 10);

        var logits = new float[test.Count];
        ModelEvaluation.Evaluate(model, test, logits);
        double dual = DualNorm.Of(model.Weights, norm);
        for (int g = 0; g < grid.Length; g++)
        {
            int survived = 0, ambiguous = 0;
            for (int i = 0; i < test.Count; i++)
            {
                double[] x = ExplicitAttack.Perturb(model.Weights, test.Row(i), test.Labels[i], norm, grid[g]);
                double f = ExplicitAttack.Logit(model, x);
                survived += test.Labels[i] * f > 0 ? 1 : 0;
                // float logits are within ~1e-5 of the double computation; only such near-ties may disagree.
                double gap = test.Labels[i] * (double)logits[i] - grid[g] * dual;
                ambiguous += Math.Abs(gap) < 1e-4 ? 1 : 0;
            }
            double expected = (double)survived / test.Count;
            Assert.InRange(Math.Abs(evaluation.Curve.Accuracy[g] - expected) * test.Count, 0, ambiguous + 1e-9);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Curve_never_rises_and_starts_at_clean_accuracy(bool clip)
    {
        TaskSplit test = TestTasks.Split(count: 300, features: 40, seed: 5);
        LinearModel model = TestTasks.Model(features: 40, seed: 6, scale: 0.05f);

        AttackEvaluation evaluation = AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, _grid, clip, closestCount: 5);

        Assert.Equal(evaluation.Clean.Accuracy, evaluation.Curve.Accuracy[0]);
        for (int g = 1; g < _grid.Length; g++)
        {
            Assert.True(evaluation.Curve.Accuracy[g] <= evaluation.Curve.Accuracy[g - 1], $"curve rises at eps {_grid[g]}");
        }
        Assert.True(evaluation.Curve.Accuracy[^1] < evaluation.Curve.Accuracy[0], "the attack should fool some samples on this grid");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantiles_computed_in_place_equal_those_of_every_fooled_logit_and_logits_are_kept_only_when_asked(bool clip)
    {
        TaskSplit test = TestTasks.Split(count: 300, features: 40, seed: 5);
        LinearModel model = TestTasks.Model(features: 40, seed: 6, scale: 0.05f);

        AttackEvaluation kept = AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, _grid, clip, closestCount: 5, keepLogits: true);
        AttackEvaluation lean = AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, _grid, clip, closestCount: 5);

        Assert.Contains(kept.Misclassified, m => m.Count > 1);
        for (int g = 0; g < _grid.Length; g++)
        {
            MisclassifiedAtEps all = kept.Misclassified[g], quantilesOnly = lean.Misclassified[g];
            Assert.Equal(all.Logits.Length, all.Count);
            Assert.Empty(quantilesOnly.Logits);
            Assert.Equal(all.Count, quantilesOnly.Count);
            Assert.Equal(LogitQuantiles.OfAbsolute([.. all.Logits.Select(l => -l).Reverse()]), quantilesOnly.AbsLogitQuantiles);
            Assert.Equal(all.Closest, quantilesOnly.Closest);
        }
    }

    [Fact]
    public void Logit_of_exactly_zero_counts_as_an_error()
    {
        TaskSplit test = TestTasks.Split(count: 50, features: 10, seed: 7);
        var zero = new LinearModel(new float[10], 0f);

        AttackEvaluation evaluation = AttackEvaluator.Evaluate(zero, test, ThreatNorm.Linf, [0.0, 0.1], clip: false, closestCount: 3);

        Assert.Equal(0.0, evaluation.Clean.Accuracy);
        Assert.Equal([0.0, 0.0], evaluation.Curve.Accuracy);
        Assert.Equal(50, evaluation.Misclassified[0].Count);
        Assert.All(evaluation.Misclassified[0].Closest, s => Assert.Equal(0f, s.Logit));
        Assert.Equal([0, 1, 2], evaluation.Misclassified[0].Closest.Select(s => s.TestIndex));
    }

    [Fact]
    public void Margin_exactly_on_the_threshold_is_fooled()
    {
        // One feature, w = 1, pixel 51: margin m = f(x) for y = +1; at eps = m / ||w||_1 the attacked logit is 0.
        TaskSplit test = TestTasks.SplitOf([51], [1], features: 1);
        var model = new LinearModel([1f], 0f);
        double margin = 51f * LinearModel.PixelScale;

        AttackEvaluation evaluation = AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, [0.0, margin * 0.999, margin], clip: false, closestCount: 1);

        Assert.Equal([1.0, 1.0, 0.0], evaluation.Curve.Accuracy);
    }

    [Fact]
    public void Misclassified_lists_are_consistent_with_the_curve()
    {
        TaskSplit test = TestTasks.Split(count: 500, features: 30, seed: 8);
        LinearModel model = TestTasks.Model(features: 30, seed: 9, scale: 0.05f);

        AttackEvaluation evaluation = AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, _grid, clip: false, closestCount: 10, keepLogits: true);

        for (int g = 0; g < _grid.Length; g++)
        {
            MisclassifiedAtEps m = evaluation.Misclassified[g];
            Assert.Equal(_grid[g], m.Eps);
            int fooled = (int)Math.Round((1 - evaluation.Curve.Accuracy[g]) * test.Count);
            Assert.Equal(fooled, m.Logits.Length);
            Assert.Equal(fooled, m.Count);
            Assert.Equal(Math.Min(10, fooled), m.Closest.Length);
            Assert.All(m.Closest, s => Assert.True(test.Labels[s.TestIndex] * s.Logit <= 0, "a kept sample must be misclassified"));
            for (int r = 1; r < m.Closest.Length; r++)
            {
                Assert.True(Math.Abs(m.Closest[r - 1].Logit) <= Math.Abs(m.Closest[r].Logit));
            }
            if (m.Closest.Length > 0)
            {
                float worstKept = Math.Abs(m.Closest[^1].Logit);
                Assert.Equal(m.Closest.Length, m.Logits.Count(l => Math.Abs(l) < worstKept) + m.Closest.Count(s => Math.Abs(s.Logit) == worstKept));
            }
        }
    }

    [Fact]
    public void Grid_must_be_ascending_and_non_negative()
    {
        TaskSplit test = TestTasks.Split(count: 10, features: 5, seed: 1);
        LinearModel model = TestTasks.Model(features: 5, seed: 1, scale: 0.1f);
        Assert.Throws<ArgumentException>(() => AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, [0.2, 0.1], false, 1));
        Assert.Throws<ArgumentException>(() => AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, [-0.1], false, 1));
        Assert.Throws<ArgumentException>(() => AttackEvaluator.Evaluate(model, test, ThreatNorm.Linf, [double.NaN], false, 1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2000, 3)]
    [InlineData(2000, 1000)]
    [InlineData(5000, 100_000)]
    public void Margins_sort_as_the_explicit_order_by_margin_then_descending_index(int n, int distinct)
    {
        var random = new Random(n + distinct);
        double[] special = [0.0, -0.0, double.NaN, double.NegativeInfinity, 1e-300];
        double[] margins = Enumerable.Range(0, n)
            .Select(_ => random.Next(20) == 0 ? special[random.Next(special.Length)] : random.Next(distinct) / 7.0 - 3)
            .ToArray();

        int[] expected = Enumerable.Range(0, n).OrderBy(i => margins[i]).ThenByDescending(i => i).ToArray();

        Assert.Equal(expected, AttackEvaluator.SortedByMargin(margins));
    }
}
