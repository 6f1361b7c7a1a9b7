using System.Buffers;
using System.Runtime.CompilerServices;
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
    /// <param name="keepLogits">Keep every fooled sample's logit per radius (<see cref="MisclassifiedAtEps.Logits"/>), not only their quantiles.</param>
    public static AttackEvaluation Evaluate(LinearModel model, TaskSplit test, ThreatNorm norm, double[] epsGrid, bool clip, int closestCount, bool keepLogits = false)
    {
        float[] logits = new float[test.Count];
        ModelEvaluation.Evaluate(model, test, logits);
        return Evaluate(model, test, logits, norm, epsGrid, clip, closestCount, keepLogits);
    }

    /// <summary>
    /// <see cref="Evaluate(LinearModel, TaskSplit, ThreatNorm, double[], bool, int, bool)"/> from the model's clean
    /// logits on <paramref name="test"/>, already computed (a fused group computes its members' logits in one pass).
    /// </summary>
    public static AttackEvaluation Evaluate(LinearModel model, TaskSplit test, ReadOnlySpan<float> cleanLogits, ThreatNorm norm, double[] epsGrid, bool clip, int closestCount, bool keepLogits = false)
    {
        ValidateGrid(epsGrid);
        ArgumentOutOfRangeException.ThrowIfNegative(closestCount);
        int n = test.Count;
        if (cleanLogits.Length != n)
        {
            throw new ArgumentException($"{cleanLogits.Length} logits for {n} test samples.", nameof(cleanLogits));
        }
        SplitMetrics clean = ModelEvaluation.Metrics(test.Labels, cleanLogits);
        // The per-sample scratch (logits, margins, their order) is rented: a sweep evaluates every run, and these
        // arrays were most of what a run allocated outside its own results.
        float[] logits = ArrayPool<float>.Shared.Rent(n);
        double[] margins = ArrayPool<double>.Shared.Rent(n);
        try
        {
            cleanLogits.CopyTo(logits);
            for (int i = 0; i < n; i++)
            {
                margins[i] = test.Labels[i] * (double)logits[i];
            }
            if (!clip)
            {
                return SortedMarginEvaluation(clean, logits, test.Labels, margins.AsSpan(0, n), DualNorm.Of(model.Weights, norm), norm, epsGrid, closestCount, keepLogits);
            }
            var reductions = new double[n * epsGrid.Length];
            BoxConstrainedAttack.MarginReductions(model.Weights, test.Pixels, test.Labels, norm, epsGrid, reductions);
            return ClippedEvaluation(clean, logits, test.Labels, margins.AsSpan(0, n), reductions, norm, epsGrid, closestCount, keepLogits);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(logits);
            ArrayPool<double>.Shared.Return(margins);
        }
    }

    /// <summary>
    /// The unclipped attack from margins sorted once, ascending (ties by descending index): at radius eps the
    /// fooled samples are the prefix with m &lt;= eps * dual, and the ones nearest the boundary are its end. The fooled
    /// logits of each radius go to one scratch buffer, reused from radius to radius.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AttackEvaluation SortedMarginEvaluation(
        SplitMetrics clean, float[] logits, sbyte[] labels, ReadOnlySpan<double> margins, double dual, ThreatNorm norm, double[] epsGrid, int k, bool keepLogits)
    {
        int n = margins.Length;
        int[] order = ArrayPool<int>.Shared.Rent(n);
        float[] scratch = ArrayPool<float>.Shared.Rent(n);
        SortByMargin(margins, order.AsSpan(0, n));
        var accuracy = new double[epsGrid.Length];
        var misclassified = new MisclassifiedAtEps[epsGrid.Length];
        int fooled = 0;
        for (int g = 0; g < epsGrid.Length; g++)
        {
            double reduction = epsGrid[g] * dual;
            while (fooled < n && margins[order[fooled]] <= reduction)
            {
                fooled++;
            }
            accuracy[g] = n == 0 ? 0 : (double)(n - fooled) / n;
            Span<float> fooledLogits = scratch.AsSpan(0, fooled);
            for (int q = 0; q < fooled; q++)
            {
                int i = order[q];
                fooledLogits[q] = (float)(logits[i] - labels[i] * reduction);
            }
            var closest = new MisclassifiedSample[Math.Min(k, fooled)];
            for (int r = 0; r < closest.Length; r++)
            {
                int q = fooled - 1 - r;
                closest[r] = new MisclassifiedSample(order[q], fooledLogits[q]);
            }
            misclassified[g] = new MisclassifiedAtEps(epsGrid[g], fooled, LogitQuantiles.OfAbsolute(fooledLogits), closest, keepLogits ? fooledLogits.ToArray() : []);
        }
        ArrayPool<int>.Shared.Return(order);
        ArrayPool<float>.Shared.Return(scratch);
        return new AttackEvaluation(clean, new AttackCurve(norm, false, epsGrid, accuracy), misclassified);
    }

    private static AttackEvaluation ClippedEvaluation(
        SplitMetrics clean, float[] logits, sbyte[] labels, ReadOnlySpan<double> margins, double[] reductions, ThreatNorm norm, double[] epsGrid, int k, bool keepLogits)
    {
        int n = margins.Length;
        int grid = epsGrid.Length;
        var accuracy = new double[grid];
        var misclassified = new MisclassifiedAtEps[grid];
        var fooledLogits = new List<float>();
        var closest = new List<MisclassifiedSample>();
        for (int g = 0; g < grid; g++)
        {
            fooledLogits.Clear();
            closest.Clear();
            for (int i = 0; i < n; i++)
            {
                double r = reductions[i * grid + g];
                if (margins[i] - r > 0)
                {
                    continue;
                }
                var sample = new MisclassifiedSample(i, (float)(logits[i] - labels[i] * r));
                fooledLogits.Add(sample.Logit);
                InsertClosest(closest, sample, k);
            }
            accuracy[g] = n == 0 ? 0 : (double)(n - fooledLogits.Count) / n;
            ReadOnlySpan<float> fooled = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fooledLogits);
            misclassified[g] = new MisclassifiedAtEps(epsGrid[g], fooled.Length, LogitQuantiles.OfAbsolute(fooled), closest.ToArray(), keepLogits ? fooled.ToArray() : []);
        }
        return new AttackEvaluation(clean, new AttackCurve(norm, true, epsGrid, accuracy), misclassified);
    }

    /// <summary>
    /// Sample indices by ascending margin; equal margins by descending index. The margins are sorted as keys (a
    /// primitive sort, no comparison delegate), then each run of equal margins is put in descending index order:
    /// the one order a comparison of (margin, -index) gives.
    /// </summary>
    internal static int[] SortedByMargin(double[] margins)
    {
        int[] order = new int[margins.Length];
        SortByMargin(margins, order);
        return order;
    }

    /// <summary><see cref="SortedByMargin"/> into <paramref name="order"/> (margins.Length entries), its sort keys rented.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByMargin(ReadOnlySpan<double> margins, Span<int> order)
    {
        int n = margins.Length;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        double[] rented = ArrayPool<double>.Shared.Rent(n);
        Span<double> keys = rented.AsSpan(0, n);
        margins.CopyTo(keys);
        keys.Sort(order);
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end].Equals(keys[start])) // Equals: -0 equals 0, and NaN equals NaN
            {
                end++;
            }
            if (end - start > 1)
            {
                order.Slice(start, end - start).Sort(static (a, b) => b.CompareTo(a));
            }
            start = end;
        }
        ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>
    /// Keeps <paramref name="closest"/> as the k fooled samples with the smallest |logit|, ascending; samples
    /// arrive in index order, so ties keep the lower index.
    /// </summary>
    private static void InsertClosest(List<MisclassifiedSample> closest, MisclassifiedSample sample, int k)
    {
        if (k == 0)
        {
            return;
        }
        float magnitude = MathF.Abs(sample.Logit);
        if (closest.Count == k && MathF.Abs(closest[^1].Logit) <= magnitude)
        {
            return;
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
