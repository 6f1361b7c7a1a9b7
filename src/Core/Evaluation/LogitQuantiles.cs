using System.Buffers;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Evaluation;

/// <summary>
/// The distribution of the misclassified samples' |logit| at one attack radius, kept as <see cref="Count"/> evenly
/// spaced quantiles (0%, 5%, ..., 100%): small enough to store per run and radius, enough to draw its density and
/// to tell confidently wrong from uncertain.
/// </summary>
public static class LogitQuantiles
{
    /// <summary>Quantiles kept: probabilities i / (Count - 1) for i = 0 .. Count - 1.</summary>
    public const int Count = 21;

    /// <summary>Index of the median among the quantiles.</summary>
    public const int MedianIndex = Count / 2;

    /// <summary>
    /// The quantiles of |logits| by linear interpolation between order statistics (Hyndman and Fan type 7, the
    /// default of R, numpy and DuckDB's quantile_cont); empty when there are no logits.
    /// </summary>
    public static float[] OfAbsolute(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            return [];
        }
        // The unclipped attack hands the logits over in order of ascending margin, so their magnitudes arrive
        // descending: that case (and the ascending one) is read in place, in one pass and without a copy.
        bool ascending = true, descending = true;
        for (int i = 1; i < logits.Length && (ascending || descending); i++)
        {
            float previous = Math.Abs(logits[i - 1]), current = Math.Abs(logits[i]);
            ascending &= current >= previous;
            descending &= current <= previous;
        }
        if (ascending)
        {
            return Interpolate(logits, reversed: false);
        }
        if (descending)
        {
            return Interpolate(logits, reversed: true);
        }
        float[] sorted = ArrayPool<float>.Shared.Rent(logits.Length);
        MagnitudeSort.Ascending(logits, sorted);
        float[] quantiles = Interpolate(sorted.AsSpan(0, logits.Length), reversed: false);
        ArrayPool<float>.Shared.Return(sorted);
        return quantiles;
    }

    /// <summary>Type-7 quantiles of magnitudes sorted ascending (or descending, read from the end).</summary>
    private static float[] Interpolate(ReadOnlySpan<float> sorted, bool reversed)
    {
        int n = sorted.Length;
        var quantiles = new float[Count];
        for (int q = 0; q < Count; q++)
        {
            double position = (double)q / (Count - 1) * (n - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, n - 1);
            double fraction = position - below;
            float low = Math.Abs(sorted[reversed ? n - 1 - below : below]), high = Math.Abs(sorted[reversed ? n - 1 - above : above]);
            quantiles[q] = (float)(low + fraction * (high - low));
        }
        return quantiles;
    }
}
