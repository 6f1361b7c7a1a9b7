using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;
using RobustGrid.Reports.Figures;

namespace RobustGrid.Reports.Tests;

/// <summary>The densities drawn from stored quantiles, against the samples the quantiles summarise.</summary>
public class LogitDensitiesTests
{
    [Fact]
    public void The_cdf_passes_through_the_quantiles()
    {
        float[] q = [0f, 1f, 1f, 3f, 7f];
        Assert.Equal(0, LogitDensities.Cdf(q, -0.1));
        Assert.Equal(0.125, LogitDensities.Cdf(q, 0.5), 12);
        Assert.Equal(0.5, LogitDensities.Cdf(q, 1), 12);       // a tie: the CDF jumps past both
        Assert.Equal(0.625, LogitDensities.Cdf(q, 2), 12);
        Assert.Equal(1, LogitDensities.Cdf(q, 7));
    }

    [Fact]
    public void Binned_density_integrates_to_one_and_follows_the_samples()
    {
        var random = new DeterministicRandom(3);
        // Two runs: |logit| uniform on [0, 1] (500 samples) and on [2, 4] (1500 samples).
        float[] a = [.. Enumerable.Range(0, 500).Select(_ => (float)random.NextDouble())];
        float[] b = [.. Enumerable.Range(0, 1500).Select(_ => (float)(-2 - 2 * random.NextDouble()))];
        const int bins = 20;
        const double top = 5;

        double[] density = LogitDensities.Binned([(LogitQuantiles.OfAbsolute(a), a.Length), (LogitQuantiles.OfAbsolute(b), b.Length)], top, bins);

        double width = top / bins;
        Assert.Equal(1, density.Sum() * width, 9);
        // The pooled histogram of the samples themselves, bin by bin, within the error of 21 quantiles.
        double[] all = [.. a.Concat(b).Select(v => (double)Math.Abs(v))];
        for (int i = 0; i < bins; i++)
        {
            double observed = all.Count(v => v >= i * width && v < (i + 1) * width) / (all.Length * width);
            Assert.True(Math.Abs(observed - density[i]) < 0.12, $"bin {i}: samples {observed:0.000}, quantiles {density[i]:0.000}");
        }
    }

    [Fact]
    public void Runs_with_nothing_fooled_add_nothing() =>
        Assert.All(LogitDensities.Binned([([], 0)], 1, 4), d => Assert.Equal(0, d));
}
