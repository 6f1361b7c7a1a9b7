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
        var sorted = new float[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            sorted[i] = Math.Abs(logits[i]);
        }
        SortAscending(sorted);
        var quantiles = new float[Count];
        for (int q = 0; q < Count; q++)
        {
            double position = (double)q / (Count - 1) * (sorted.Length - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, sorted.Length - 1);
            double fraction = position - below;
            quantiles[q] = (float)(sorted[below] + fraction * (sorted[above] - sorted[below]));
        }
        return quantiles;
    }

    /// <summary>
    /// Sorts in place. The unclipped attack hands the logits over in order of ascending margin, so their
    /// magnitudes arrive descending: that case (and the ascending one) costs one pass instead of a sort.
    /// </summary>
    private static void SortAscending(float[] values)
    {
        bool ascending = true, descending = true;
        for (int i = 1; i < values.Length && (ascending || descending); i++)
        {
            ascending &= values[i] >= values[i - 1];
            descending &= values[i] <= values[i - 1];
        }
        if (descending && !ascending)
        {
            Array.Reverse(values);
        }
        else if (!ascending)
        {
            Array.Sort(values);
        }
    }
}
