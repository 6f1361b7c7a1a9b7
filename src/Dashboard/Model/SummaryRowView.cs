using RobustGrid.Core.Runs;
using RobustGrid.Results;

namespace RobustGrid.Dashboard.Model;

/// <summary>One row of the summary table, the numbers <c>robustgrid results</c> prints (<see cref="ModelSummary"/>).</summary>
public sealed record SummaryRowView(
    string Section, string Model, int Completed, int Failed, ValueView CleanAccuracy, double[] TableEps, ValueView[] AccuracyAt, ValueView Eps50)
{
    public static SummaryRowView Of(ModelSummary m) => new(
        Sections.Label(m.Dataset, m.NegativeClass, m.PositiveClass, EnumNames.Name(m.Norm)), m.Model.Label, m.Completed, m.Failed,
        ValueView.Of(m.CleanAccuracy), [.. m.TableEps], [.. m.AccuracyAt.Select(ValueView.Of)], ValueView.Of(m.Eps50));
}
