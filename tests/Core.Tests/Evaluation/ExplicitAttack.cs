using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

/// <summary>The computation the closed-form curve replaces: build x' explicitly and predict again, in double.</summary>
internal static class ExplicitAttack
{
    /// <summary>x' = x - y * eps * u with u the unit-ball direction that maximises w.u for the norm (unclipped).</summary>
    public static double[] Perturb(float[] w, ReadOnlySpan<byte> row, sbyte y, ThreatNorm norm, double eps)
    {
        var x = new double[w.Length];
        double l2 = Math.Sqrt(w.Sum(v => (double)v * v));
        int argmax = 0;
        for (int j = 1; j < w.Length; j++)
        {
            if (Math.Abs(w[j]) > Math.Abs(w[argmax]))
            {
                argmax = j;
            }
        }
        for (int j = 0; j < w.Length; j++)
        {
            double direction = norm switch
            {
                ThreatNorm.Linf => Math.Sign(w[j]),
                ThreatNorm.L2 => l2 == 0 ? 0 : w[j] / l2,
                _ => j == argmax ? Math.Sign(w[j]) : 0,
            };
            x[j] = row[j] / 255.0 - y * eps * direction;
        }
        return x;
    }

    public static double Logit(LinearModel model, double[] x)
    {
        double f = model.Bias;
        for (int j = 0; j < x.Length; j++)
        {
            f += model.Weights[j] * x[j];
        }
        return f;
    }
}
