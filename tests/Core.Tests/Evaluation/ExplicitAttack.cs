using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Evaluation;

/// <summary>The computation the closed-form curves replace: build x' explicitly and predict again, in double.</summary>
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

    /// <summary>
    /// The worst x' in the box [0, 1] within eps of x (the <c>--clip</c> attack), built coordinate by coordinate:
    /// pixel j moves by d_j &gt;= 0 in the direction -y sign(w_j), at most its room c_j (to 0 or to 1). Linf:
    /// d_j = min(eps, c_j). L1: the budget goes to the largest |w_j| first. L2: d_j = min(c_j, lambda |w_j|), lambda
    /// found by fixing the coordinates that saturate and rescaling the rest until none saturates anew.
    /// </summary>
    public static double[] PerturbClipped(float[] w, ReadOnlySpan<byte> row, sbyte y, ThreatNorm norm, double eps)
    {
        int n = w.Length;
        var x = new double[n];
        var direction = new double[n];
        var room = new double[n];
        for (int j = 0; j < n; j++)
        {
            x[j] = row[j] / 255.0;
            direction[j] = -y * Math.Sign(w[j]);
            room[j] = direction[j] < 0 ? x[j] : direction[j] > 0 ? 1 - x[j] : 0;
        }
        double[] d = norm switch
        {
            ThreatNorm.Linf => [.. room.Select(c => Math.Min(eps, c))],
            ThreatNorm.L1 => Greedy(w, room, eps),
            ThreatNorm.L2 => WaterFill(w, room, eps),
            _ => throw new ArgumentOutOfRangeException(nameof(norm)),
        };
        for (int j = 0; j < n; j++)
        {
            x[j] += direction[j] * d[j];
        }
        return x;
    }

    private static double[] Greedy(float[] w, double[] room, double eps)
    {
        var d = new double[w.Length];
        double left = eps;
        foreach (int j in Enumerable.Range(0, w.Length).OrderByDescending(j => Math.Abs(w[j])))
        {
            d[j] = Math.Min(room[j], left);
            left -= d[j];
        }
        return d;
    }

    /// <summary>Each round's lambda is at most the optimum's, so a coordinate it saturates is saturated at the optimum too.</summary>
    private static double[] WaterFill(float[] w, double[] room, double eps)
    {
        var saturated = new bool[w.Length];
        while (true)
        {
            double budget = eps * eps, open = 0;
            for (int j = 0; j < w.Length; j++)
            {
                budget -= saturated[j] ? room[j] * room[j] : 0;
                open += !saturated[j] && room[j] > 0 ? (double)w[j] * w[j] : 0;
            }
            double lambda = open > 0 ? Math.Sqrt(Math.Max(budget, 0) / open) : 0;
            bool more = false;
            for (int j = 0; j < w.Length; j++)
            {
                if (!saturated[j] && room[j] > 0 && lambda * Math.Abs(w[j]) >= room[j])
                {
                    saturated[j] = more = true;
                }
            }
            if (!more)
            {
                return [.. Enumerable.Range(0, w.Length).Select(j => saturated[j] ? room[j] : room[j] > 0 ? lambda * Math.Abs(w[j]) : 0)];
            }
        }
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
