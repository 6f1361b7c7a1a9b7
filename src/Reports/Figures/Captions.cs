using System.Globalization;
using RobustGrid.Reports.Model;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The numbers a caption states, formatted one way everywhere (tests compare them with DuckDB's aggregates of the
/// same columns): radii with 3 decimals, fractions as percentages with 1, logits with 2.
/// </summary>
internal static class Captions
{
    public static string Eps(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Logit(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"regular: a; robust eps 0.1: b" over the models that have a value.</summary>
    public static string PerModel(IEnumerable<ReportModel> models, Func<ReportModel, string?> value) =>
        string.Join("; ", models.Select(m => (m.Key.Label, Value: value(m))).Where(p => p.Value is not null).Select(p => $"{p.Label}: {p.Value}"));

    /// <summary>The mean eps50 of a model over the seeds that have one, and how many never fall below 50% on the grid.</summary>
    public static string? Eps50(ReportModel model)
    {
        double[] radii = [.. model.Completed.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)];
        int never = model.Completed.Count - radii.Length;
        if (model.Completed.Count == 0)
        {
            return null;
        }
        string mean = radii.Length > 0 ? Eps(radii.Average()) : "never below 50%";
        return never > 0 && radii.Length > 0 ? $"{mean} ({never} of {model.Completed.Count} seeds never below 50%)" : mean;
    }
}
