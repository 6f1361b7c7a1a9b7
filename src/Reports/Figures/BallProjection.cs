using RobustGrid.Core.Evaluation;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The shadow of a threat model's ball {d : ||d||_p &lt;= eps} on the plane spanned by orthonormal u1, u2: the convex
/// set {(u1.d, u2.d)}. Its support in the plane's direction a(θ) = cos θ u1 + sin θ u2 is eps ||a||_dual, reached at
/// the d that maximises a.d over the ball (eps sign(a) for L-infinity, eps a / ||a||_2 for L2, eps sign(a_j) e_j at
/// the largest |a_j| for L1): those points, for θ around the circle, trace the shadow's boundary.
/// </summary>
internal static class BallProjection
{
    public static (double[] S, double[] T) Boundary(IReadOnlyList<double> u1, IReadOnlyList<double> u2, ThreatNorm norm, double eps, int points = 720)
    {
        var s = new double[points + 1];
        var t = new double[points + 1];
        var a = new float[u1.Count];
        for (int k = 0; k <= points; k++)
        {
            double theta = 2 * Math.PI * k / points;
            for (int j = 0; j < a.Length; j++)
            {
                a[j] = (float)(Math.Cos(theta) * u1[j] + Math.Sin(theta) * u2[j]);
            }
            double[] d = AttackDirection.Of(a, norm);
            for (int j = 0; j < d.Length; j++)
            {
                s[k] += eps * d[j] * u1[j];
                t[k] += eps * d[j] * u2[j];
            }
        }
        return (s, t);
    }

    /// <summary>u1 = w / ||w||_2 and u2 = the part of sign(w) orthogonal to it, normalised (the L-infinity attack's direction lies in the plane); null for w = 0.</summary>
    public static (double[] U1, double[] U2)? Plane(IReadOnlyList<float> w)
    {
        double norm = Math.Sqrt(w.Sum(v => (double)v * v));
        if (norm == 0)
        {
            return null;
        }
        double[] u1 = [.. w.Select(v => v / norm)];
        double[] u2 = [.. w.Select(v => (double)Math.Sign(v))];
        double along = u1.Zip(u2, (x, y) => x * y).Sum();
        for (int j = 0; j < u2.Length; j++)
        {
            u2[j] -= along * u1[j];
        }
        double rest = Math.Sqrt(u2.Sum(v => v * v));
        if (rest < 1e-9)
        {
            // sign(w) is parallel to w (all |w_j| equal): any direction orthogonal to u1 will do.
            u2 = new double[u1.Length];
            int j = Array.FindIndex(u1, v => Math.Abs(v) < 1 - 1e-9);
            u2[Math.Max(0, j)] = 1;
            along = u2.Zip(u1, (x, y) => x * y).Sum();
            for (int i = 0; i < u2.Length; i++)
            {
                u2[i] -= along * u1[i];
            }
            rest = Math.Sqrt(u2.Sum(v => v * v));
        }
        return (u1, [.. u2.Select(v => v / Math.Max(rest, 1e-300))]);
    }
}
