using RobustGrid.Core.Training;

namespace RobustGrid.Core.Evaluation;

/// <summary>
/// The unclipped white-box attack's direction: the u in the unit ball of the threat norm that maximises w.u, so
/// that x' = x - y * eps * u lowers the margin by exactly eps * ||w||_dual. L-infinity: sign(w); L2: w / ||w||_2;
/// L1: sign(w_j) at the first coordinate of largest |w_j|, zero elsewhere.
/// </summary>
public static class AttackDirection
{
    public static double[] Of(ReadOnlySpan<float> weights, ThreatNorm norm)
    {
        var u = new double[weights.Length];
        switch (norm)
        {
            case ThreatNorm.Linf:
                for (int j = 0; j < u.Length; j++)
                {
                    u[j] = Math.Sign(weights[j]);
                }
                break;
            case ThreatNorm.L2:
                double l2 = 0;
                foreach (float w in weights)
                {
                    l2 += (double)w * w;
                }
                l2 = Math.Sqrt(l2);
                for (int j = 0; j < u.Length && l2 > 0; j++)
                {
                    u[j] = weights[j] / l2;
                }
                break;
            case ThreatNorm.L1:
                int argmax = 0;
                for (int j = 1; j < u.Length; j++)
                {
                    if (Math.Abs(weights[j]) > Math.Abs(weights[argmax]))
                    {
                        argmax = j;
                    }
                }
                if (u.Length > 0)
                {
                    u[argmax] = Math.Sign(weights[argmax]);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown threat norm.");
        }
        return u;
    }

    /// <summary>The attacked image x' = x - y * eps * u in pixel units (x = p / 255), clamped to [0, 1] when <paramref name="clip"/>
    /// (for L-infinity that clamp is the exact box-constrained attack; for L2 and L1 use <see cref="BoxConstrainedAttack.WorstPerturbation"/>).</summary>
    public static double[] Perturb(ReadOnlySpan<float> weights, ReadOnlySpan<byte> row, sbyte label, ThreatNorm norm, double eps, bool clip)
    {
        if (row.Length != weights.Length)
        {
            throw new ArgumentException($"row has {row.Length} pixels for {weights.Length} weights.", nameof(row));
        }
        double[] delta = clip ? BoxConstrainedAttack.WorstPerturbation(weights, row, label, norm, eps) : Scaled(Of(weights, norm), -label * eps);
        var x = new double[row.Length];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = row[j] / 255.0 + delta[j];
        }
        return x;
    }

    private static double[] Scaled(double[] u, double factor)
    {
        for (int j = 0; j < u.Length; j++)
        {
            u[j] *= factor;
        }
        return u;
    }
}
