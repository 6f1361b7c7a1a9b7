using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Figures;

namespace RobustGrid.Reports.Tests;

public sealed class BallProjectionTests
{
    private static readonly float[] _w = [.. Enumerable.Range(0, 50).Select(i => (float)Math.Sin(i * 1.7) * (i % 3 == 0 ? 0.01f : 0.3f))];

    [Fact]
    public void The_plane_is_orthonormal_with_w_along_the_first_axis()
    {
        var (u1, u2) = BallProjection.Plane(_w)!.Value;
        Assert.Equal(1, u1.Sum(v => v * v), 9);
        Assert.Equal(1, u2.Sum(v => v * v), 9);
        Assert.Equal(0, u1.Zip(u2, (a, b) => a * b).Sum(), 9);
        double norm = Math.Sqrt(_w.Sum(v => (double)v * v));
        Assert.All(u1.Zip(_w), p => Assert.Equal(p.Second / norm, p.First, 6));
        Assert.Null(BallProjection.Plane(new float[5]));
    }

    [Fact]
    public void Each_balls_shadow_reaches_eps_times_the_dual_norm_of_the_axis_and_the_L2_shadow_is_a_circle()
    {
        var (u1, u2) = BallProjection.Plane(_w)!.Value;
        const double eps = 0.2;
        foreach (ThreatNorm norm in Enum.GetValues<ThreatNorm>())
        {
            (double[] s, double[] t) = BallProjection.Boundary(u1, u2, norm, eps);
            double dual = norm switch
            {
                ThreatNorm.Linf => u1.Sum(Math.Abs),
                ThreatNorm.L2 => 1,
                _ => u1.Max(Math.Abs),
            };
            Assert.Equal(eps * dual, s.Max(), 5);
            Assert.Equal(-eps * dual, s.Min(), 5);
            if (norm == ThreatNorm.L2)
            {
                Assert.All(s.Zip(t), p => Assert.Equal(eps, Math.Sqrt(p.First * p.First + p.Second * p.Second), 5));
            }
        }
    }
}
