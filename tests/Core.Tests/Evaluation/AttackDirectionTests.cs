using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

public class AttackDirectionTests
{
    [Theory]
    [InlineData(ThreatNorm.Linf)]
    [InlineData(ThreatNorm.L2)]
    [InlineData(ThreatNorm.L1)]
    public void The_direction_is_in_the_unit_ball_and_reaches_the_dual_norm(ThreatNorm norm)
    {
        var random = new DeterministicRandom(7);
        float[] w = [.. Enumerable.Range(0, 50).Select(j => j % 7 == 0 ? 0f : (float)(random.NextDouble() - 0.5))];

        double[] u = AttackDirection.Of(w, norm);

        double size = norm switch
        {
            ThreatNorm.Linf => u.Max(Math.Abs),
            ThreatNorm.L2 => Math.Sqrt(u.Sum(v => v * v)),
            _ => u.Sum(Math.Abs),
        };
        Assert.Equal(1.0, size, 12);
        double dual = DualNorm.Of(w, norm);
        Assert.Equal(dual, w.Select((v, j) => v * u[j]).Sum(), dual * 1e-6);
    }

    [Fact]
    public void Clipped_linf_perturbation_is_the_clamped_unclipped_one()
    {
        float[] w = [0.5f, -0.25f, 0f, 1f];
        byte[] row = [0, 255, 128, 250];

        double[] free = AttackDirection.Perturb(w, row, 1, ThreatNorm.Linf, 0.1, clip: false);
        double[] boxed = AttackDirection.Perturb(w, row, 1, ThreatNorm.Linf, 0.1, clip: true);

        Assert.Equal([-0.1, 1.1, 128 / 255.0, 250 / 255.0 - 0.1], free, new ToleranceComparer(1e-12));
        Assert.Equal(free.Select(v => Math.Clamp(v, 0, 1)), boxed, new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
