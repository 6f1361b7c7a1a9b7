using RobustGrid.Dashboard.Files;

namespace RobustGrid.Dashboard.Tests.Files;

/// <summary>The running mean and sample std of a model's curves, point by point, against the two-pass formula.</summary>
[Trait("Category", "Unit")]
public sealed class CurveBandTests
{
    [Fact]
    public void Mean_and_sample_std_per_point_equal_the_two_pass_values()
    {
        double[][] curves = [[1.0, 0.7, 0.2], [0.6, 0.5, 0.0], [0.8, 0.9, 0.1], [0.7, 0.3, 0.3]];
        var band = new CurveBand();
        foreach (double[] curve in curves)
        {
            band.AddRun();
            for (int i = 0; i < curve.Length; i++)
            {
                band.Add(i, i * 0.1, curve[i]);
            }
        }
        (double[] eps, double[] mean, double[] std) = band.Points();
        Assert.Equal([0, 0.1, 0.2], eps);
        for (int i = 0; i < 3; i++)
        {
            double m = curves.Average(c => c[i]);
            double s = Math.Sqrt(curves.Sum(c => (c[i] - m) * (c[i] - m)) / (curves.Length - 1));
            Assert.Equal(m, mean[i], 12);
            Assert.Equal(s, std[i], 12);
        }
    }

    [Fact]
    public void A_point_not_every_run_reached_is_left_out()
    {
        var band = new CurveBand();
        band.AddRun();
        band.Add(0, 0, 1);
        band.Add(1, 0.1, 0.5);
        band.AddRun();
        band.Add(0, 0, 0.5);
        (double[] eps, double[] mean, double[] std) = band.Points();
        Assert.Equal([0.0], eps);
        Assert.Equal([0.75], mean);
        Assert.Equal(Math.Sqrt(0.125), std[0], 12);
    }
}
