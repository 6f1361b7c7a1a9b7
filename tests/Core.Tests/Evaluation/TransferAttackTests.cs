using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

[Trait("Category", "Unit")]
public sealed class TransferAttackTests
{
    private const int Features = 40;

    [Theory]
    [InlineData(ThreatNorm.Linf, false)]
    [InlineData(ThreatNorm.L2, false)]
    [InlineData(ThreatNorm.L1, false)]
    [InlineData(ThreatNorm.Linf, true)]
    [InlineData(ThreatNorm.L2, true)]
    [InlineData(ThreatNorm.L1, true)]
    public void Curves_equal_explicitly_perturbing_every_image_against_the_source(ThreatNorm norm, bool clip)
    {
        TaskSplit test = TestTasks.Split(count: 250, features: Features, seed: 11);
        float scale = norm == ThreatNorm.L1 ? 1f : 0.05f;
        LinearModel source = TestTasks.Model(Features, seed: 12, scale);
        LinearModel[] targets = [TestTasks.Model(Features, seed: 13, scale), Noisy(source, seed: 14), TestTasks.Model(Features, seed: 15, scale * 3), Flipped(source, seed: 16)];
        double[] grid = Grid(norm);

        double[][] curves = TransferAttack.Curves(source, targets, test, norm, grid, clip);

        int fooledTargets = 0;
        for (int t = 0; t < targets.Length; t++)
        {
            LinearModel target = targets[t];
            var logits = new float[test.Count];
            ModelEvaluation.Evaluate(target, test, logits);
            bool fooledSome = false;
            for (int g = 0; g < grid.Length; g++)
            {
                int survived = 0, ambiguous = 0;
                for (int i = 0; i < test.Count; i++)
                {
                    sbyte y = test.Labels[i];
                    double[] x = clip
                        ? AttackDirection.Perturb(source.Weights, test.Row(i), y, norm, grid[g], clip: true)
                        : ExplicitAttack.Perturb(source.Weights, test.Row(i), y, norm, grid[g]);
                    double margin = y * ExplicitAttack.Logit(target, x);
                    survived += margin > 0 ? 1 : 0;
                    // The closed form starts from float logits, within ~1e-5 of the double computation: only near-ties may disagree.
                    double cleanGap = y * (double)logits[i] - y * ExplicitAttack.Logit(target, Clean(test.Row(i)));
                    ambiguous += Math.Abs(margin) < 1e-4 + Math.Abs(cleanGap) ? 1 : 0;
                }
                double expected = (double)survived / test.Count;
                Assert.InRange(Math.Abs(curves[t][g] - expected) * test.Count, 0, ambiguous + 1e-9);
                fooledSome |= survived < curves[t][0] * test.Count;
            }
            fooledTargets += fooledSome ? 1 : 0;
        }
        // The grid reaches radii where the source's attack fools most targets (a target can also gain from it: see below).
        Assert.True(fooledTargets >= targets.Length - 1, $"the source's attack fools only {fooledTargets} of {targets.Length} targets on this grid");
    }

    [Theory]
    [InlineData(ThreatNorm.Linf, false)]
    [InlineData(ThreatNorm.L2, false)]
    [InlineData(ThreatNorm.L1, false)]
    [InlineData(ThreatNorm.Linf, true)]
    [InlineData(ThreatNorm.L2, true)]
    [InlineData(ThreatNorm.L1, true)]
    public void The_source_as_its_own_target_gets_the_white_box_curve(ThreatNorm norm, bool clip)
    {
        TaskSplit test = TestTasks.Split(count: 200, features: Features, seed: 21);
        LinearModel source = TestTasks.Model(Features, seed: 22, norm == ThreatNorm.L1 ? 1f : 0.05f);
        var copy = new LinearModel([.. source.Weights], source.Bias);
        double[] grid = Grid(norm);

        double[][] curves = TransferAttack.Curves(source, [source, copy, Noisy(source, seed: 23)], test, norm, grid, clip);

        double[] whiteBox = AttackEvaluator.Evaluate(source, test, norm, grid, clip, closestCount: 0).Curve.Accuracy;
        Assert.Equal(whiteBox, curves[0]);
        Assert.Equal(whiteBox, curves[1]);
        Assert.NotEqual(whiteBox, curves[2]);
    }

    [Fact]
    public void A_target_whose_weights_oppose_the_source_gains_from_the_attack()
    {
        TaskSplit test = TestTasks.Split(count: 200, features: Features, seed: 31);
        LinearModel source = TestTasks.Model(Features, seed: 32, 0.05f);
        // w_B . u_A < 0: moving along A's attack direction raises B's margins, so B's accuracy never falls.
        var target = new LinearModel([.. source.Weights.Select((w, j) => j < 4 ? -w * 30 : w * 0.01f)], source.Bias);
        double[] grid = Grid(ThreatNorm.Linf);

        double[] curve = TransferAttack.Curves(source, [target], test, ThreatNorm.Linf, grid, clip: false)[0];

        for (int g = 1; g < grid.Length; g++)
        {
            Assert.True(curve[g] >= curve[g - 1], $"accuracy fell at eps {grid[g]}");
        }
        Assert.True(curve[^1] > curve[0]);
    }

    [Fact]
    public void Mismatched_features_and_bad_grids_throw()
    {
        TaskSplit test = TestTasks.Split(count: 10, features: Features, seed: 41);
        LinearModel source = TestTasks.Model(Features, seed: 42, 0.05f);
        Assert.Throws<ArgumentException>(() => TransferAttack.Curves(source, [TestTasks.Model(Features + 1, 43, 0.05f)], test, ThreatNorm.Linf, [0, 0.1], clip: false));
        Assert.Throws<ArgumentException>(() => TransferAttack.Curves(source, [source], test, ThreatNorm.Linf, [0.2, 0.1], clip: true));
        Assert.Throws<ArgumentException>(() => TransferAttack.Curves(source, [source], test, ThreatNorm.Linf, [double.NaN], clip: false));
    }

    private static double[] Grid(ThreatNorm norm) => norm switch
    {
        ThreatNorm.Linf => AttackGrid.Default.Values(),
        ThreatNorm.L2 => new AttackGrid(0, 3, 61).Values(),
        _ => new AttackGrid(0, 4, 41).Values(),
    };

    /// <summary>The source's weights with noise: a related model, as two seeds of one configuration are.</summary>
    private static LinearModel Noisy(LinearModel model, int seed)
    {
        var random = new Random(seed);
        float[] w = [.. model.Weights.Select(v => v + (float)((random.NextDouble() - 0.5) * Math.Abs(v)))];
        return new LinearModel(w, model.Bias * 0.5f);
    }

    /// <summary>The source's weights with a third of their signs flipped: w_B . u_A then mixes gains and losses.</summary>
    private static LinearModel Flipped(LinearModel model, int seed)
    {
        var random = new Random(seed);
        float[] w = [.. model.Weights.Select(v => random.Next(3) == 0 ? -v * 0.5f : v)];
        return new LinearModel(w, model.Bias);
    }

    private static double[] Clean(ReadOnlySpan<byte> row)
    {
        var x = new double[row.Length];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = row[j] / 255.0;
        }
        return x;
    }
}
