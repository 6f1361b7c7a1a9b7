using RobustGrid.Core.Data;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Evaluation;

/// <summary>
/// Transfer attacks between linear models: the worst-case perturbation of radius eps against a source model A,
/// applied to a target model B. With delta = -y sum_j sign(w_Aj) d_j e_j (d_j &gt;= 0 the amount A's attack moves pixel j),
/// B's margin drops by sum_j b_j d_j with b_j = w_Bj sign(w_Aj); B keeps x iff y f_B(x) minus that drop is &gt; 0 (a logit
/// of exactly 0 is an error, as in the white-box attack).
/// Unclipped, d = eps u_A (<see cref="AttackDirection"/>), so the drop is eps (w_B . u_A) and the whole curve follows from
/// B's sorted margins. Clipped to [0, 1], d is A's box-constrained optimum (<see cref="BoxConstrainedAttack"/>), found per
/// sample and radius with the same per-coordinate rules, weighing each moved pixel by b_j instead of |w_Aj|.
/// A target equal to the source (same weights and bias) gets the white-box curve itself (<see cref="AttackEvaluator"/>),
/// so the diagonal of a transfer matrix is bit-equal to curves.parquet.
/// </summary>
public static class TransferAttack
{
    /// <summary>
    /// accuracy[t][g]: the fraction of <paramref name="test"/> that targets[t] classifies correctly when every sample is
    /// attacked against <paramref name="source"/> at radius epsGrid[g] (ascending, finite, &gt;= 0). Throws
    /// <see cref="ArgumentException"/> when a model's weights do not match the split's features or the grid is invalid.
    /// </summary>
    /// <param name="targetMargins">Optional: each target's <see cref="Margins"/> on <paramref name="test"/>, when the caller has them already.</param>
    public static double[][] Curves(LinearModel source, IReadOnlyList<LinearModel> targets, TaskSplit test, ThreatNorm norm, double[] epsGrid, bool clip,
        IReadOnlyList<double[]>? targetMargins = null)
    {
        Validate(source, targets, test, epsGrid);
        if (targetMargins is not null && (targetMargins.Count != targets.Count || targetMargins.Any(m => m.Length != test.Count)))
        {
            throw new ArgumentException("targetMargins needs one margin per test sample for every target.", nameof(targetMargins));
        }
        double[] MarginsOf(int t) => targetMargins?[t] ?? Margins(targets[t], test);
        var curves = new double[targets.Count][];
        var others = new List<int>();
        for (int t = 0; t < targets.Count; t++)
        {
            if (SameModel(source, targets[t]))
            {
                curves[t] = AttackEvaluator.Evaluate(source, test, norm, epsGrid, clip, closestCount: 0).Curve.Accuracy;
            }
            else
            {
                others.Add(t);
            }
        }
        if (others.Count > 0)
        {
            double[][] computed = clip
                ? ClippedCurves(source, [.. others.Select(t => targets[t])], [.. others.Select(MarginsOf)], test, norm, epsGrid)
                : [.. others.Select(t => UnclippedCurve(source, targets[t], MarginsOf(t), norm, epsGrid))];
            for (int o = 0; o < others.Count; o++)
            {
                curves[others[o]] = computed[o];
            }
        }
        return curves;
    }

    /// <summary>y f_B(x) for every sample, from the same float logits the white-box evaluation uses.</summary>
    public static double[] Margins(LinearModel model, TaskSplit test)
    {
        var logits = new float[test.Count];
        ModelEvaluation.Evaluate(model, test, logits);
        var margins = new double[test.Count];
        for (int i = 0; i < margins.Length; i++)
        {
            margins[i] = test.Labels[i] * (double)logits[i];
        }
        return margins;
    }

    /// <summary>Unclipped: B keeps x iff m_B(x) &gt; eps c with c = w_B . u_A; the count of margins above each threshold, by binary search.</summary>
    private static double[] UnclippedCurve(LinearModel source, LinearModel target, double[] targetMargins, ThreatNorm norm, double[] epsGrid)
    {
        double[] u = AttackDirection.Of(source.Weights, norm);
        double c = 0;
        for (int j = 0; j < u.Length; j++)
        {
            c += target.Weights[j] * u[j];
        }
        double[] margins = [.. targetMargins];
        Array.Sort(margins);
        int n = margins.Length;
        var accuracy = new double[epsGrid.Length];
        for (int g = 0; g < epsGrid.Length; g++)
        {
            double threshold = epsGrid[g] * c;
            // The first margin strictly above the threshold: every one from there on is kept.
            int low = 0, high = n;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (margins[middle] > threshold)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            accuracy[g] = n == 0 ? 0 : (double)(n - low) / n;
        }
        return accuracy;
    }

    /// <summary>Clipped: per sample, the source's pixel rooms and order are found once; each target's drop is then O(d + grid).</summary>
    private static double[][] ClippedCurves(LinearModel source, LinearModel[] targets, double[][] margins, TaskSplit test, ThreatNorm norm, double[] epsGrid)
    {
        int d = test.Features, grid = epsGrid.Length, n = test.Count;
        var kept = new int[targets.Length][];
        for (int t = 0; t < targets.Length; t++)
        {
            kept[t] = new int[grid];
        }
        float[] w = source.Weights;
        var a = new double[d];
        var sign = new int[d];
        for (int j = 0; j < d; j++)
        {
            a[j] = Math.Abs((double)w[j]);
            sign[j] = Math.Sign(w[j]);
        }
        int[] byMagnitude = [.. Enumerable.Range(0, d).OrderByDescending(j => a[j]).ThenBy(j => j)];
        var room = new double[d];
        var level = new byte[d];
        var b = new double[d];
        var drops = new double[grid];
        var levelWeight = new double[256];
        var order = new int[d];
        var breakpoints = new double[d];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> row = test.Row(i);
            sbyte y = test.Labels[i];
            for (int j = 0; j < d; j++)
            {
                level[j] = y * w[j] > 0 ? row[j] : (byte)(255 - row[j]);
                room[j] = level[j] / 255.0;
            }
            int movable = norm == ThreatNorm.L2 ? SortBreakpoints(a, room, order, breakpoints) : 0;
            for (int t = 0; t < targets.Length; t++)
            {
                float[] wt = targets[t].Weights;
                for (int j = 0; j < d; j++)
                {
                    b[j] = wt[j] * (double)sign[j];
                }
                switch (norm)
                {
                    case ThreatNorm.Linf: LinfDrops(b, level, epsGrid, levelWeight, drops); break;
                    case ThreatNorm.L1: L1Drops(b, room, byMagnitude, a, epsGrid, drops); break;
                    case ThreatNorm.L2: L2Drops(a, b, room, order, breakpoints, movable, epsGrid, drops); break;
                    default: throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown threat norm.");
                }
                double m = margins[t][i];
                for (int g = 0; g < grid; g++)
                {
                    if (m - drops[g] > 0)
                    {
                        kept[t][g]++;
                    }
                }
            }
        }
        return [.. kept.Select(k => k.Select(c => n == 0 ? 0 : (double)c / n).ToArray())];
    }

    /// <summary>Linf: d_j = min(eps, c_j) for every pixel A moves; sum over room levels k of B[k] min(eps, k/255).</summary>
    private static void LinfDrops(double[] b, byte[] level, double[] grid, double[] levelWeight, double[] drops)
    {
        Array.Clear(levelWeight);
        double open = 0;
        for (int j = 0; j < b.Length; j++)
        {
            levelWeight[level[j]] += b[j];
            open += b[j];
        }
        double saturated = 0;
        int k = 0;
        for (int g = 0; g < grid.Length; g++)
        {
            while (k < 256 && k / 255.0 < grid[g])
            {
                saturated += levelWeight[k] * (k / 255.0);
                open -= levelWeight[k];
                k++;
            }
            drops[g] = saturated + grid[g] * open;
        }
    }

    /// <summary>L1: A spends eps on pixels by decreasing |w_Aj| (ties by index), each up to its room; pixels with w_Aj = 0 never move.</summary>
    private static void L1Drops(double[] b, double[] room, int[] byMagnitude, double[] a, double[] grid, double[] drops)
    {
        int q = 0;
        int movable = 0;
        while (movable < byMagnitude.Length && a[byMagnitude[movable]] > 0)
        {
            movable++;
        }
        double spent = 0, gained = 0;
        for (int g = 0; g < grid.Length; g++)
        {
            while (q < movable && spent + room[byMagnitude[q]] <= grid[g])
            {
                int j = byMagnitude[q++];
                spent += room[j];
                gained += b[j] * room[j];
            }
            drops[g] = q < movable ? gained + b[byMagnitude[q]] * (grid[g] - spent) : gained;
        }
    }

    /// <summary>L2: d_j = min(c_j, lambda |w_Aj|) with lambda set by A so that ||d||_2 = eps (or every pixel saturated).</summary>
    private static void L2Drops(double[] a, double[] b, double[] room, int[] order, double[] breakpoints, int m, double[] grid, double[] drops)
    {
        double saturatedC2 = 0, saturatedB = 0, openA2 = 0, openAB = 0;
        for (int q = 0; q < m; q++)
        {
            int j = order[q];
            openA2 += a[j] * a[j];
            openAB += a[j] * b[j];
        }
        int s = 0;
        for (int g = 0; g < grid.Length; g++)
        {
            double budget = grid[g] * grid[g];
            while (s < m && saturatedC2 + breakpoints[s] * breakpoints[s] * openA2 <= budget)
            {
                int j = order[s++];
                saturatedC2 += room[j] * room[j];
                saturatedB += b[j] * room[j];
                openA2 -= a[j] * a[j];
                openAB -= a[j] * b[j];
            }
            double lambda = s < m && openA2 > 0 ? Math.Sqrt(Math.Max(budget - saturatedC2, 0) / openA2) : 0;
            drops[g] = saturatedB + (s < m ? lambda * openAB : 0);
        }
    }

    /// <summary>Pixels that can move (|w_Aj| &gt; 0 and room &gt; 0), by breakpoint c_j / |w_Aj| ascending; returns their count.</summary>
    private static int SortBreakpoints(double[] a, double[] room, int[] order, double[] breakpoints)
    {
        int m = 0;
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] > 0 && room[j] > 0)
            {
                order[m] = j;
                breakpoints[m] = room[j] / a[j];
                m++;
            }
        }
        Array.Sort(breakpoints, order, 0, m);
        return m;
    }

    private static bool SameModel(LinearModel a, LinearModel b) =>
        ReferenceEquals(a, b) || (a.Bias.Equals(b.Bias) && a.Weights.AsSpan().SequenceEqual(b.Weights));

    private static void Validate(LinearModel source, IReadOnlyList<LinearModel> targets, TaskSplit test, double[] epsGrid)
    {
        if (source.Weights.Length != test.Features || targets.Any(t => t.Weights.Length != test.Features))
        {
            throw new ArgumentException($"Every model needs {test.Features} weights, one per feature of the split.", nameof(targets));
        }
        for (int g = 0; g < epsGrid.Length; g++)
        {
            if (!double.IsFinite(epsGrid[g]) || epsGrid[g] < 0 || (g > 0 && epsGrid[g] < epsGrid[g - 1]))
            {
                throw new ArgumentException("The attack grid must be finite, >= 0 and ascending.", nameof(epsGrid));
            }
        }
    }
}
