using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>
/// A model of the report: its completed runs (one per seed), how many failed, and the representative run whose
/// single-seed figures (weight stamp, fooling examples) stand for it.
/// </summary>
public sealed record ReportModel(ModelKey Key, IReadOnlyList<RunRow> Completed, int Failed, RunRow? Representative)
{
    /// <summary>
    /// The run closest to the median seed: the completed run whose curve area (its robustness in one number) is
    /// nearest the median of the model's curve areas; ties go to the lowest seed.
    /// </summary>
    public static RunRow? MedianRun(IReadOnlyList<RunRow> completed)
    {
        if (completed.Count == 0)
        {
            return null;
        }
        double median = Median(completed.Select(r => r.CurveArea ?? 0));
        return completed.OrderBy(r => Math.Abs((r.CurveArea ?? 0) - median)).ThenBy(r => r.Seed).First();
    }

    /// <summary>The median (the mean of the middle two for an even count); 0 for none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
