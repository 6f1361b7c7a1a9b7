using RobustGrid.Core.Evaluation;

namespace RobustGrid.Core.Tests.Evaluation;

[Trait("Category", "Unit")]
public sealed class BoxConstrainedAttackTests
{
    private static readonly double[] _grid = [0, 1e-4, 1 / 255.0, 0.01, 10 / 255.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 30];

    [Fact]
    public void Linf_equals_clamping_the_explicit_perturbation()
    {
        var (w, pixels, labels) = Inputs(features: 40, samples: 30, seed: 1);
        double[] reductions = Reductions(w, pixels, labels, ThreatNorm.Linf);
        for (int i = 0; i < labels.Length; i++)
        {
            for (int g = 0; g < _grid.Length; g++)
            {
                double explicitReduction = 0;
                for (int j = 0; j < w.Length; j++)
                {
                    double x = pixels[i * w.Length + j] / 255.0;
                    double moved = Math.Clamp(x - labels[i] * _grid[g] * Math.Sign(w[j]), 0, 1);
                    explicitReduction += labels[i] * w[j] * (x - moved);
                }
                Assert.Equal(explicitReduction, reductions[i * _grid.Length + g], 1e-9 * (1 + Math.Abs(explicitReduction)));
            }
        }
    }

    [Theory]
    [InlineData(ThreatNorm.Linf)]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void Worst_perturbation_is_feasible_and_attains_the_reduction(ThreatNorm norm)
    {
        var (w, pixels, labels) = Inputs(features: 25, samples: 20, seed: 2);
        double[] reductions = Reductions(w, pixels, labels, norm);
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<byte> row = pixels.AsSpan(i * w.Length, w.Length);
            for (int g = 0; g < _grid.Length; g++)
            {
                double[] delta = BoxConstrainedAttack.WorstPerturbation(w, row, labels[i], norm, _grid[g]);
                AssertFeasible(row, delta, norm, _grid[g]);
                double attained = -labels[i] * Enumerable.Range(0, w.Length).Sum(j => w[j] * delta[j]);
                Assert.Equal(reductions[i * _grid.Length + g], attained, 1e-9 * (1 + attained));
            }
        }
    }

    [Theory]
    [InlineData(ThreatNorm.Linf)]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void No_random_feasible_perturbation_does_better(ThreatNorm norm)
    {
        var (w, pixels, labels) = Inputs(features: 12, samples: 6, seed: 3);
        double[] reductions = Reductions(w, pixels, labels, norm);
        var random = new Random(4);
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<byte> row = pixels.AsSpan(i * w.Length, w.Length);
            for (int g = 0; g < _grid.Length; g++)
            {
                for (int trial = 0; trial < 300; trial++)
                {
                    double[] delta = RandomFeasible(row, norm, _grid[g], random);
                    double value = -labels[i] * Enumerable.Range(0, w.Length).Sum(j => w[j] * delta[j]);
                    Assert.True(value <= reductions[i * _grid.Length + g] + 1e-9, $"{norm} eps {_grid[g]}: a random perturbation reached {value} > {reductions[i * _grid.Length + g]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void Two_dimensions_match_a_brute_force_grid_search(ThreatNorm norm)
    {
        float[] w = [0.75f, -0.25f];
        byte[] row = [200, 90];
        sbyte y = 1;
        foreach (double eps in new[] { 0.05, 0.3, 0.7, 1.2 })
        {
            double exact = Reductions(w, row, [y], norm, [eps])[0];
            double best = 0;
            const int steps = 400;
            double c0 = 200 / 255.0, c1 = 1 - 90 / 255.0; // y*w0 > 0 pushes pixel 0 down; y*w1 < 0 pushes pixel 1 up
            for (int a = 0; a <= steps; a++)
            {
                for (int b = 0; b <= steps; b++)
                {
                    double d0 = c0 * a / steps, d1 = c1 * b / steps;
                    double size = norm == ThreatNorm.L2 ? Math.Sqrt(d0 * d0 + d1 * d1) : d0 + d1;
                    if (size <= eps)
                    {
                        best = Math.Max(best, 0.75 * d0 + 0.25 * d1);
                    }
                }
            }
            Assert.InRange(exact - best, -1e-9, 0.75 * c0 / steps + 0.25 * c1 / steps + 1e-6);
        }
    }

    [Theory]
    [InlineData(ThreatNorm.Linf)]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void Reduction_starts_at_zero_rises_concavely_stays_below_unboxed_and_saturates(ThreatNorm norm)
    {
        var (w, pixels, labels) = Inputs(features: 30, samples: 10, seed: 5);
        double[] reductions = Reductions(w, pixels, labels, norm);
        double dual = DualNorm.Of(w, norm);
        for (int i = 0; i < labels.Length; i++)
        {
            Span<double> r = reductions.AsSpan(i * _grid.Length, _grid.Length);
            Assert.Equal(0, r[0]);
            double full = 0;
            for (int j = 0; j < w.Length; j++)
            {
                double x = pixels[i * w.Length + j] / 255.0;
                full += Math.Abs(w[j]) * (labels[i] * w[j] > 0 ? x : 1 - x);
            }
            for (int g = 1; g < _grid.Length; g++)
            {
                Assert.True(r[g] >= r[g - 1] - 1e-12, "R must not decrease");
                Assert.True(r[g] <= _grid[g] * dual * (1 + 1e-6) + 1e-12, "R must not beat the unboxed attack");
                if (g >= 2)
                {
                    double slopeBefore = (r[g - 1] - r[g - 2]) / (_grid[g - 1] - _grid[g - 2]);
                    double slopeAfter = (r[g] - r[g - 1]) / (_grid[g] - _grid[g - 1]);
                    Assert.True(slopeAfter <= slopeBefore + 1e-6, "R must be concave");
                }
            }
            Assert.Equal(full, r[^1], 1e-9 * (1 + full)); // eps = 30 saturates every coordinate in every norm here
        }
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentException>(() => BoxConstrainedAttack.MarginReductions(new float[3], new byte[5], new sbyte[1], ThreatNorm.Linf, [0.1], new double[1]));
        Assert.Throws<ArgumentException>(() => BoxConstrainedAttack.MarginReductions(new float[3], new byte[3], new sbyte[1], ThreatNorm.Linf, [0.1], new double[2]));
        Assert.Throws<ArgumentException>(() => BoxConstrainedAttack.MarginReductions(new float[3], new byte[3], new sbyte[1], ThreatNorm.Linf, [0.2, 0.1], new double[2]));
        Assert.Throws<ArgumentException>(() => BoxConstrainedAttack.MarginReductions(new float[3], new byte[3], new sbyte[1], ThreatNorm.Linf, [-0.1], new double[1]));
        Assert.Throws<ArgumentException>(() => BoxConstrainedAttack.WorstPerturbation(new float[3], new byte[2], 1, ThreatNorm.L2, 0.1));
    }

    private static double[] Reductions(float[] w, byte[] pixels, sbyte[] labels, ThreatNorm norm, double[]? grid = null)
    {
        grid ??= _grid;
        var reductions = new double[labels.Length * grid.Length];
        BoxConstrainedAttack.MarginReductions(w, pixels, labels, norm, grid, reductions);
        return reductions;
    }

    private static (float[] W, byte[] Pixels, sbyte[] Labels) Inputs(int features, int samples, int seed)
    {
        var random = new Random(seed);
        var w = new float[features];
        for (int j = 0; j < features; j++)
        {
            w[j] = j % 7 == 0 ? 0f : j % 5 == 0 ? 0.25f * (j % 2 == 0 ? 1 : -1) : (float)(random.NextDouble() * 2 - 1);
        }
        var pixels = new byte[features * samples];
        random.NextBytes(pixels);
        for (int k = 0; k < pixels.Length; k += 9)
        {
            pixels[k] = k % 2 == 0 ? (byte)0 : (byte)255;
        }
        var labels = Enumerable.Range(0, samples).Select(i => i % 2 == 0 ? (sbyte)1 : (sbyte)-1).ToArray();
        return (w, pixels, labels);
    }

    private static void AssertFeasible(ReadOnlySpan<byte> row, double[] delta, ThreatNorm norm, double eps)
    {
        for (int j = 0; j < delta.Length; j++)
        {
            double moved = row[j] / 255.0 + delta[j];
            Assert.InRange(moved, -1e-12, 1 + 1e-12);
        }
        double size = norm switch
        {
            ThreatNorm.Linf => delta.Max(Math.Abs),
            ThreatNorm.L2 => Math.Sqrt(delta.Sum(v => v * v)),
            _ => delta.Sum(Math.Abs),
        };
        Assert.True(size <= eps * (1 + 1e-12) + 1e-15, $"{norm} size {size} > eps {eps}");
    }

    /// <summary>A random direction inside the box, scaled into the ball.</summary>
    private static double[] RandomFeasible(ReadOnlySpan<byte> row, ThreatNorm norm, double eps, Random random)
    {
        var delta = new double[row.Length];
        for (int j = 0; j < delta.Length; j++)
        {
            double x = row[j] / 255.0;
            delta[j] = random.NextDouble() < 0.5 ? -x * random.NextDouble() : (1 - x) * random.NextDouble();
        }
        double size = norm switch
        {
            ThreatNorm.Linf => delta.Max(Math.Abs),
            ThreatNorm.L2 => Math.Sqrt(delta.Sum(v => v * v)),
            _ => delta.Sum(Math.Abs),
        };
        double scale = size > eps ? eps / size : 1;
        return delta.Select(v => v * scale).ToArray();
    }
}
