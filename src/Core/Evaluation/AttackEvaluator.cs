using RobustGrid.Core.Data;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Evaluation;

/// <summary>
/// The exact white-box attack on a linear model. Unclipped, the worst x' = x - y * eps * (direction of the dual
/// norm's subgradient) lowers the margin m = y f(x) by eps * ||w||_dual, so a sample survives iff m &gt; eps * ||w||_dual
/// (a logit of exactly 0 is an error). Sorting the margins once gives the whole curve in O(n log n + grid).
/// Clipped to the pixel box [0, 1], the reduction is worked out per coordinate by <see cref="BoxConstrainedAttack"/>.
/// </summary>
public static class AttackEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="test"/> at every radius of <paramref name="epsGrid"/> (ascending).</summary>
    /// <param name="closestCount">How many misclassified samples nearest the boundary to keep per radius (k).</param>
    public static AttackEvaluation Evaluate(LinearModel model, TaskSplit test, ThreatNorm norm, double[] epsGrid, bool clip, int closestCount)
    {
        ValidateGrid(epsGrid);
        ArgumentOutOfRangeException.ThrowIfNegative(closestCount);
        int n = test.Count;
        float[] logits = new float[n];
        SplitMetrics clean = ModelEvaluation.Evaluate(model, test, logits);
        double[] margins = new double[n];
        for (int i = 0; i < n; i++)
        {
            margins[i] = test.Labels[i] * (double)logits[i];
        }

        double[]? reductions = null;
        if (clip)
        {
            reductions = new double[n * epsGrid.Length];
            BoxConstrainedAttack.MarginReductions(model.Weights, test.Pixels, test.Labels, norm, epsGrid, reductions);
        }
        double[] accuracy = clip
            ? ClippedCurve(margins, reductions!, epsGrid.Length)
            : SortedMarginCurve(margins, DualNorm.Of(model.Weights, norm), epsGrid);

        double dual = DualNorm.Of(model.Weights, norm);
        var misclassified = new MisclassifiedAtEps[epsGrid.Length];
        for (int g = 0; g < epsGrid.Length; g++)
        {
            double unclippedReduction = epsGrid[g] * dual;
            misclassified[g] = Misclassified(logits, test.Labels, margins, epsGrid[g], closestCount,
                i => reductions is null ? unclippedReduction : reductions[i * epsGrid.Length + g]);
        }
        return new AttackEvaluation(clean, new AttackCurve(norm, clip, epsGrid, accuracy), misclassified);
    }

    /// <summary>
    /// accuracy[g] = |{ i : margins[i] &gt; epsGrid[g] * dual }| / n, from the margins sorted once; epsGrid ascending.
    /// An empty split gives accuracy 0 at every radius.
    /// </summary>
    internal static double[] SortedMarginCurve(double[] margins, double dual, double[] epsGrid)
    {
        double[] sorted = (double[])margins.Clone();
        Array.Sort(sorted);
        var accuracy = new double[epsGrid.Length];
        int n = sorted.Length;
        int fooled = 0;
        for (int g = 0; g < epsGrid.Length; g++)
        {
            double threshold = epsGrid[g] * dual;
            while (fooled < n && sorted[fooled] <= threshold)
            {
                fooled++;
            }
            accuracy[g] = n == 0 ? 0 : (double)(n - fooled) / n;
        }
        return accuracy;
    }

    private static double[] ClippedCurve(double[] margins, double[] reductions, int gridLength)
    {
        int n = margins.Length;
        var accuracy = new double[gridLength];
        for (int g = 0; g < gridLength; g++)
        {
            int survived = 0;
            for (int i = 0; i < n; i++)
            {
                survived += margins[i] - reductions[i * gridLength + g] > 0 ? 1 : 0;
            }
            accuracy[g] = n == 0 ? 0 : (double)survived / n;
        }
        return accuracy;
    }

    private static MisclassifiedAtEps Misclassified(float[] logits, sbyte[] labels, double[] margins, double eps, int k, Func<int, double> reduction)
    {
        var fooledLogits = new List<float>();
        var closest = new List<MisclassifiedSample>();
        for (int i = 0; i < logits.Length; i++)
        {
            double r = reduction(i);
            if (margins[i] - r > 0)
            {
                continue;
            }
            var sample = new MisclassifiedSample(i, (float)(logits[i] - labels[i] * r));
            fooledLogits.Add(sample.Logit);
            InsertClosest(closest, sample, k);
        }
        return new MisclassifiedAtEps(eps, fooledLogits.ToArray(), closest.ToArray());
    }

    /// <summary>Keeps <paramref name="closest"/> as the k smallest by (|logit|, index), in that order.</summary>
    private static void InsertClosest(List<MisclassifiedSample> closest, MisclassifiedSample sample, int k)
    {
        if (k == 0)
        {
            return;
        }
        float magnitude = MathF.Abs(sample.Logit);
        if (closest.Count == k && MathF.Abs(closest[^1].Logit) <= magnitude)
        {
            return; // samples arrive in index order, so an equal |logit| loses the tie.
        }
        int at = closest.Count;
        while (at > 0 && MathF.Abs(closest[at - 1].Logit) > magnitude)
        {
            at--;
        }
        closest.Insert(at, sample);
        if (closest.Count > k)
        {
            closest.RemoveAt(closest.Count - 1);
        }
    }

    private static void ValidateGrid(double[] epsGrid)
    {
        for (int g = 0; g < epsGrid.Length; g++)
        {
            if (!double.IsFinite(epsGrid[g]) || epsGrid[g] < 0 || (g > 0 && epsGrid[g] < epsGrid[g - 1]))
            {
                throw new ArgumentException("The attack grid must be finite, >= 0 and ascending.", nameof(epsGrid));
            }
        }
    }
}
