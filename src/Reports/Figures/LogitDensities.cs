namespace RobustGrid.Reports.Figures;

/// <summary>
/// Densities of |logit| rebuilt from stored quantiles: each run's quantiles define a piecewise-linear CDF (a
/// uniform density between neighbouring quantiles); runs are pooled, weighted by how many samples they fooled, and
/// the mass is binned.
/// </summary>
internal static class LogitDensities
{
    /// <summary>The density on <paramref name="bins"/> equal bins of [0, <paramref name="top"/>]; mass above top falls in the last bin.</summary>
    public static double[] Binned(IEnumerable<(IReadOnlyList<float> Quantiles, int Count)> runs, double top, int bins)
    {
        var mass = new double[bins];
        double total = 0;
        foreach (var (q, count) in runs)
        {
            if (q.Count < 2 || count <= 0)
            {
                continue;
            }
            total += count;
            for (int b = 0; b < bins; b++)
            {
                double low = top * b / bins, high = b == bins - 1 ? double.PositiveInfinity : top * (b + 1) / bins;
                mass[b] += count * (Cdf(q, high) - Cdf(q, low));
            }
        }
        double width = top / bins;
        return [.. mass.Select(m => total == 0 ? 0 : m / total / width)];
    }

    /// <summary>P(|logit| &lt;= x) for the piecewise-linear CDF through (q_i, i / (n - 1)).</summary>
    public static double Cdf(IReadOnlyList<float> q, double x)
    {
        int n = q.Count;
        if (x < q[0])
        {
            return 0;
        }
        if (x >= q[n - 1])
        {
            return 1;
        }
        int i = 0;
        while (q[i + 1] <= x)
        {
            i++;
        }
        double span = q[i + 1] - q[i];
        return (i + (span > 0 ? (x - q[i]) / span : 1)) / (n - 1);
    }
}
