using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Figure 7: the hinge max(0, 1 - m) against the margin m = y f(x), and the robust hinge the robust models minimise,
/// max(0, 1 - m + eps * ||w||_dual) (dual of the threat norm: ||w||_1 for L-infinity, ||w||_2 for L2, ||w||_inf for L1):
/// the same hinge shifted right by the worst case an attack of radius eps can do. Beside it, the gradient of each
/// with respect to the margin: -1 where the loss is active (m &lt; 1 + shift), 0 beyond. The shifts drawn are the
/// sweep's own: each robust model's training eps times ||w||_dual of its median seed.
/// </summary>
internal static class RobustHingeFigure
{
    public const int PanelWidth = 620, PanelHeight = 460;

    /// <summary>The robust models' shifts eps * ||w||_dual (median seed), at most six.</summary>
    internal static IReadOnlyList<(SectionKey Section, ModelKey Key, double Shift)> Shifts(ReportData data) =>
        [.. data.Sections.SelectMany(s => s.Models)
            .Where(x => x.Key.Mode == TrainingMode.Robust && x.RepresentativeWeights.Length > 0)
            .Select(x => (x.Section, x.Key, Shift: (x.Key.TrainEps ?? 0) * DualNorm.Of(x.RepresentativeWeights, x.Section.Norm)))
            .Take(6)];

    public static FigureFile Draw(ReportData data, string directory)
    {
        var loss = new Plot();
        var gradient = new Plot();
        var shifts = Shifts(data);
        double right = 2 + shifts.Select(s => s.Shift).DefaultIfEmpty(1).Max();
        double[] m = [.. Enumerable.Range(0, 401).Select(i => -2 + (right + 2) * i / 400)];
        // The margin's regions: misclassified (m <= 0) and inside the margin (0 < m < 1), where the plain hinge is still active.
        var wrong = loss.Add.HorizontalSpan(-2, 0, Colors.Red.WithAlpha(0.08));
        wrong.LegendText = "m ≤ 0: misclassified";
        var margin = loss.Add.HorizontalSpan(0, 1, Colors.Orange.WithAlpha(0.10));
        margin.LegendText = "0 < m < 1: inside the margin";
        var hinge = loss.Add.ScatterLine(m, [.. m.Select(v => Math.Max(0, 1 - v))], Colors.Black);
        hinge.LineWidth = 3;
        hinge.LegendText = "hinge max(0, 1 - m)";
        var hingeGradient = gradient.Add.ScatterLine(m, [.. m.Select(v => v < 1 ? -1.0 : 0.0)], Colors.Black);
        hingeGradient.LineWidth = 3;
        hingeGradient.LegendText = "hinge";
        for (int i = 0; i < shifts.Count; i++)
        {
            double s = shifts[i].Shift;
            string dual = DualName(shifts[i].Section.Norm);
            var robust = loss.Add.ScatterLine(m, [.. m.Select(v => Math.Max(0, 1 - v + s))], ModelColors.Of(i + 1));
            robust.LineWidth = 2;
            robust.LegendText = string.Create(CultureInfo.InvariantCulture, $"{shifts[i].Key.Label}: eps {dual} = {s:0.###}");
            // Offset a little so that steps at the same place stay visible.
            var step = gradient.Add.ScatterLine(m, [.. m.Select(v => (v < 1 + s ? -1.0 : 0.0) - 0.02 * (i + 1))], ModelColors.Of(i + 1));
            step.LineWidth = 2;
            step.LegendText = string.Create(CultureInfo.InvariantCulture, $"{shifts[i].Key.Label}: active for m < {1 + s:0.###}");
        }
        loss.Axes.SetLimits(-2, right, -0.1, right + 1);
        loss.XLabel("margin m = y f(x)");
        loss.YLabel("loss");
        loss.Title("Hinge, margin and robust hinge", 13);
        loss.ShowLegend(Alignment.UpperRight);
        gradient.Axes.SetLimits(-2, right, -1.4, 0.4);
        gradient.XLabel("margin m = y f(x)");
        gradient.YLabel("d loss / d m");
        gradient.Title("Gradient with respect to the margin", 13);
        gradient.ShowLegend(Alignment.UpperLeft);
        const string file = "robust-hinge.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), [loss, gradient], 2, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "The hinge and the robust hinge",
            "Left: the hinge max(0, 1 - m) of the margin m = y f(x), zero only for samples beyond the margin (m ≥ 1); robust training "
            + "minimises it at the worst point of the threat model's ball, max(0, 1 - m + eps ||w||_dual) (||w||_1 for L-infinity, "
            + "||w||_2 for L2, ||w||_inf for L1): the hinge shifted right. Right: its gradient in m is -1 wherever the loss is active, so a "
            + "robust model keeps pushing samples until m > 1 + eps ||w||_dual; with respect to w each active sample adds eps times the "
            + "gradient of ||w||_dual (eps sign(w) for L-infinity), which pulls every weight towards zero. The shifts drawn are this sweep's, "
            + "each robust model's training eps times ||w||_dual of its median seed"
            + (shifts.Count == 0 ? " (this sweep has no robust model, so only the plain hinge is drawn)." : ": "
                + string.Join("; ", shifts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key.Label} ({SectionKey.NormName(s.Section.Norm)}): {s.Shift:0.###}"))) + "."));
    }

    private static string DualName(ThreatNorm norm) => norm switch
    {
        ThreatNorm.L2 => "||w||2",
        ThreatNorm.L1 => "||w||inf",
        _ => "||w||1",
    };
}
