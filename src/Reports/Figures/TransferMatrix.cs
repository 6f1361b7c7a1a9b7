using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Transfer attacks between linear models: the worst-case perturbation against a source model A at radius eps,
/// x' = x - y eps u_A (u_A the direction of A's white-box attack), and whether a target B still classifies x'
/// correctly. Unclipped this is closed form: B keeps x iff y f_B(x) - eps (w_B . u_A) &gt; 0 (a logit of exactly 0 is
/// an error). Clipped, the perturbed image is built explicitly, as the white-box attack does.
/// </summary>
internal static class TransferMatrix
{
    /// <summary>accuracy[a, b]: the fraction of <paramref name="test"/> target b classifies correctly under source a's attack.</summary>
    public static double[,] Accuracy(TaskSplit test, IReadOnlyList<(float[] W, float B)> models, ThreatNorm norm, double eps, bool clip, bool closedForm)
    {
        int k = models.Count;
        var accuracy = new double[k, k];
        if (test.Count == 0)
        {
            return accuracy;
        }
        double[][] logits = [.. models.Select(m => LossLine.Logits(test, m.W, m.B))];
        double[][] directions = [.. models.Select(m => AttackDirection.Of(m.W, norm))];
        for (int a = 0; a < k; a++)
        {
            var kept = new int[k];
            for (int i = 0; i < test.Count; i++)
            {
                int y = test.Labels[i];
                double[]? attacked = closedForm ? null : AttackDirection.Perturb(models[a].W, test.Row(i), (sbyte)y, norm, eps, clip);
                for (int b = 0; b < k; b++)
                {
                    double margin = attacked is null
                        ? y * logits[b][i] - eps * Dot(models[b].W, directions[a])
                        : y * (Dot(models[b].W, attacked) + models[b].B);
                    if (margin > 0)
                    {
                        kept[b]++;
                    }
                }
            }
            for (int b = 0; b < k; b++)
            {
                accuracy[a, b] = (double)kept[b] / test.Count;
            }
        }
        return accuracy;
    }

    private static double Dot(float[] w, double[] v)
    {
        double sum = 0;
        for (int j = 0; j < w.Length; j++)
        {
            sum += w[j] * v[j];
        }
        return sum;
    }
}
