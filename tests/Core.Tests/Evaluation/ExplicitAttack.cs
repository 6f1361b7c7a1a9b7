using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

/// <summary>The computation the closed-form curve replaces: build x' explicitly and predict again, in double.</summary>
internal static class ExplicitAttack
{
    /// <summary>x' = x - y * eps * u with u the unit-ball direction that maximises w.u for the norm (unclipped).</summary>
    public static double[] Perturb(float[] w, ReadOnlySpan<byte> row, sbyte y, ThreatNorm norm, double eps)
    {
        double[] u = AttackDirection.Of(w, norm);
        var x = new double[w.Length];
        for (int j = 0; j < w.Length; j++)
        {
            x[j] = row[j] / 255.0 - y * eps * u[j];
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
