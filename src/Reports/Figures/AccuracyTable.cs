using RobustGrid.Reports.Model;
using RobustGrid.Results;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// One row of the accuracy table: a model's clean accuracies, its accuracy under attack at the section's table radii
/// (<see cref="ReportSection.TableEps"/>, in that order) and its 50%-radius, over its completed seeds.
/// </summary>
public sealed record AccuracyRow(ModelKey Model, int Completed, int Failed, MeanStd TrainAccuracy, MeanStd TestAccuracy, IReadOnlyList<MeanStd> AttackedAccuracy, MeanStd Eps50);

/// <summary>Figure 1: clean train and test accuracy per model, accuracy under attack at a few radii, eps50; mean and sample std over seeds.</summary>
public static class AccuracyTable
{
    public static IReadOnlyList<AccuracyRow> Rows(ReportSection section) =>
        [.. section.Models.Select(m => new AccuracyRow(
            m.Key, m.Completed.Count, m.Failed,
            MeanStd.Of(m.Completed.Select(r => r.TrainAccuracy ?? double.NaN)),
            MeanStd.Of(m.Completed.Select(r => r.TestAccuracy ?? double.NaN)),
            m.TableAccuracy.Count == section.TableEps.Count ? m.TableAccuracy : [.. section.TableEps.Select(_ => MeanStd.Of([]))],
            MeanStd.Of(m.Completed.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value))))];
}
