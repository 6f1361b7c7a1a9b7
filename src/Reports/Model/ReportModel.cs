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
        double[] areas = [.. completed.Select(r => r.CurveArea ?? 0).Order()];
        double median = areas.Length % 2 == 1 ? areas[areas.Length / 2] : (areas[areas.Length / 2 - 1] + areas[areas.Length / 2]) / 2;
        return completed.OrderBy(r => Math.Abs((r.CurveArea ?? 0) - median)).ThenBy(r => r.Seed).First();
    }
}
