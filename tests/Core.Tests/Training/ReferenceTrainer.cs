using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Training;

/// <summary>
/// The training recipe written out plainly in double precision, without kernels: per batch, the subgradient
/// of the (mean or summed) hinge or robust hinge at the current w, then one SGD step. No shuffling.
/// </summary>
internal static class ReferenceTrainer
{
    public static (double[] Weights, double Bias) Train(BinaryTask task, TrainingSpec spec)
    {
        int d = task.Features;
        double[] w = LinearModel.GlorotUniform(d, spec.Seed).Weights.Select(v => (double)v).ToArray();
        double b = 0;
        HyperParameters hp = spec.HyperParameters;
        TaskSplit train = task.Train;
        for (int epoch = 0; epoch < hp.Epochs; epoch++)
        {
            for (int start = 0; start < train.Count; start += hp.BatchSize)
            {
                int m = Math.Min(hp.BatchSize, train.Count - start);
                double[] dual = DualSubgradient(w, spec.Norm, out double dualNorm);
                double shift = spec.Mode == TrainingMode.Robust ? spec.Eps * dualNorm : 0;
                var gw = new double[d];
                double gb = 0;
                for (int i = start; i < start + m; i++)
                {
                    int y = train.Labels[i];
                    double f = b;
                    for (int j = 0; j < d; j++)
                    {
                        f += w[j] * (train.Pixels[i * d + j] / 255.0);
                    }
                    if (1 - y * f + shift <= 0)
                    {
                        continue;
                    }
                    for (int j = 0; j < d; j++)
                    {
                        gw[j] += -y * (train.Pixels[i * d + j] / 255.0) + (spec.Mode == TrainingMode.Robust ? spec.Eps * dual[j] : 0);
                    }
                    gb += -y;
                }
                double scale = hp.Reduction == LossReduction.Mean ? 1.0 / m : 1.0;
                for (int j = 0; j < d; j++)
                {
                    w[j] -= hp.LearningRate * scale * gw[j];
                }
                b -= hp.LearningRate * scale * gb;
            }
        }
        return (w, b);
    }

    /// <summary>A subgradient of the dual norm: sign(w) for ||w||_1, w/||w||_2, sign(w_k) e_k at the first largest |w_k|.</summary>
    private static double[] DualSubgradient(double[] w, ThreatNorm norm, out double value)
    {
        var g = new double[w.Length];
        switch (norm)
        {
            case ThreatNorm.Linf:
                value = w.Sum(Math.Abs);
                for (int j = 0; j < w.Length; j++)
                {
                    g[j] = Math.Sign(w[j]);
                }
                break;
            case ThreatNorm.L2:
                value = Math.Sqrt(w.Sum(v => v * v));
                for (int j = 0; j < w.Length; j++)
                {
                    g[j] = value == 0 ? 0 : w[j] / value;
                }
                break;
            default:
                int k = 0;
                for (int j = 1; j < w.Length; j++)
                {
                    if (Math.Abs(w[j]) > Math.Abs(w[k]))
                    {
                        k = j;
                    }
                }
                value = Math.Abs(w[k]);
                g[k] = Math.Sign(w[k]);
                break;
        }
        return g;
    }
}
