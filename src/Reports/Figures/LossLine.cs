using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The loss of a linear model along a line in weight space, (w, b)(a) = (w0, b0) + a (dw, db), over a split. The
/// logits are linear in a, f_a(x) = f0(x) + a df(x), so the split is read twice (for f0 and df), not once per point.
/// </summary>
internal static class LossLine
{
    /// <summary>
    /// At each <paramref name="steps"/> a: the mean hinge max(0, 1 - y f_a(x)) over the split, and the mean robust hinge
    /// max(0, 1 - y f_a(x) + eps ||w_a||_dual) (equal to the hinge when eps is 0).
    /// </summary>
    public static (double[] Hinge, double[] Robust) Along(TaskSplit split, float[] w0, float b0, float[] dw, float db, IReadOnlyList<double> steps, ThreatNorm norm, double eps)
    {
        double[] f0 = Logits(split, w0, b0), df = Logits(split, dw, db);
        var hinge = new double[steps.Count];
        var robust = new double[steps.Count];
        var w = new float[w0.Length];
        for (int k = 0; k < steps.Count; k++)
        {
            double a = steps[k];
            for (int j = 0; j < w.Length; j++)
            {
                w[j] = (float)(w0[j] + a * dw[j]);
            }
            double shift = eps * DualNorm.Of(w, norm);
            double plain = 0, worst = 0;
            for (int i = 0; i < f0.Length; i++)
            {
                double margin = split.Labels[i] * (f0[i] + a * df[i]);
                plain += Math.Max(0, 1 - margin);
                worst += Math.Max(0, 1 - margin + shift);
            }
            hinge[k] = f0.Length == 0 ? 0 : plain / f0.Length;
            robust[k] = f0.Length == 0 ? 0 : worst / f0.Length;
        }
        return (hinge, robust);
    }

    /// <summary>f(x) = w.x + b with x = p / 255, in double, for every row of the split.</summary>
    public static double[] Logits(TaskSplit split, float[] w, float b)
    {
        var logits = new double[split.Count];
        for (int i = 0; i < logits.Length; i++)
        {
            ReadOnlySpan<byte> row = split.Row(i);
            double sum = 0;
            for (int j = 0; j < row.Length; j++)
            {
                sum += row[j] * (double)w[j];
            }
            logits[i] = sum / 255.0 + b;
        }
        return logits;
    }
}
