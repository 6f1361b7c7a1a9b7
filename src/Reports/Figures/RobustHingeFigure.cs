using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Figure 7: the hinge max(0, 1 - m) against the margin m = y f(x), and the robust hinge the robust models minimise,
/// max(0, 1 - m + eps * ||w||_1): the same hinge shifted right by the worst case an L-infinity attack of radius eps can do.
/// The shifts drawn are the sweep's own: training eps times the median ||w||_1 of each robust model.
/// </summary>
internal static class RobustHingeFigure
{
    public const int Width = 800, Height = 500;

    public static FigureFile Draw(ReportData data, string directory)
    {
        var plot = new Plot();
        var shifts = data.Sections.SelectMany(s => s.Models)
            .Where(x => x.Key.Mode == "robust" && x.Key.Section.Norm == "linf" && x.Completed.Count > 0)
            .Select(x => (x.Key, Shift: (x.Key.TrainEps ?? 0) * ReportModel.Median(x.Completed.Select(r => r.WeightL1 ?? 0))))
            .Take(6).ToList();
        double right = 2 + shifts.Select(s => s.Shift).DefaultIfEmpty(1).Max();
        double[] m = [.. Enumerable.Range(0, 201).Select(i => -2 + (right + 2) * i / 200)];
        var hinge = plot.Add.ScatterLine(m, [.. m.Select(v => Math.Max(0, 1 - v))], Colors.Black);
        hinge.LineWidth = 3;
        hinge.LegendText = "hinge max(0, 1 - m)";
        for (int i = 0; i < shifts.Count; i++)
        {
            double s = shifts[i].Shift;
            var robust = plot.Add.ScatterLine(m, [.. m.Select(v => Math.Max(0, 1 - v + s))], ModelColors.Of(i + 1));
            robust.LineWidth = 2;
            robust.LegendText = string.Create(CultureInfo.InvariantCulture, $"robust hinge, {shifts[i].Key.Label}: eps ||w||1 = {s:0.###}");
        }
        plot.Axes.SetLimits(-2, right, -0.1, right + 1);
        plot.XLabel("margin m = y f(x)");
        plot.YLabel("loss");
        plot.Title("The hinge and the robust hinge");
        plot.ShowLegend(Alignment.UpperRight);
        const string file = "robust-hinge.png";
        PanelGrid.Save(Path.Combine(directory, file), plot, Width, Height);
        return new FigureFile(file, Width, Height, "The robust hinge",
            "Robust training minimises the hinge at the worst point of the L-infinity ball: max(0, 1 - y f(x) + eps ||w||_1), the plain hinge "
            + "shifted right by eps ||w||_1. The shifts drawn are this sweep's: each robust model's training eps times its median ||w||_1"
            + (shifts.Count == 0 ? " (this sweep has no robust L-infinity model, so only the plain hinge is drawn)." : ": "
                + string.Join("; ", shifts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key.Label}: {s.Shift:0.###}"))) + "."));
    }
}
