using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 8 (new in RobustGrid): the radius where attacked accuracy falls below 50%, against the training eps, with its spread over seeds.</summary>
internal static class RadiusFigure
{
    public const int Width = 800, Height = 520;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var plot = new Plot();
        var notes = new List<string>();
        bool any = false;
        for (int m = 0; m < section.Models.Count; m++)
        {
            ReportModel model = section.Models[m];
            double x = model.Key.TrainEps ?? 0;
            double[] radii = [.. model.Completed.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)];
            int never = model.Completed.Count - radii.Length;
            if (never > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}: {never} seed(s) stay above 50% over the whole attack grid"));
            }
            if (radii.Length == 0)
            {
                continue;
            }
            any = true;
            Color color = ModelColors.Of(m);
            var seeds = plot.Add.Markers(Enumerable.Repeat(x, radii.Length).ToArray(), radii, MarkerShape.OpenCircle, 6, color.WithAlpha(0.5));
            seeds.LegendText = "";
            var range = plot.Add.Line(x, radii.Min(), x, radii.Max());
            range.LineColor = color;
            range.LineWidth = 2;
            var mean = plot.Add.Marker(x, radii.Average(), MarkerShape.FilledSquare, 11, color);
            mean.LegendText = string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}: {radii.Average():0.###} (n = {radii.Length})");
        }
        if (!any)
        {
            return null;
        }
        var diagonal = plot.Add.Line(0, 0, section.Models.Max(m => m.Key.TrainEps ?? 0) + 0.05, section.Models.Max(m => m.Key.TrainEps ?? 0) + 0.05);
        diagonal.LinePattern = LinePattern.Dotted;
        diagonal.LineColor = Colors.Gray;
        diagonal.LegendText = "eps50 = training eps";
        plot.XLabel("training eps (regular at 0)");
        plot.YLabel("attack eps where accuracy falls below 50%");
        plot.Title("Robustness radius against training eps: seeds, range and mean");
        plot.ShowLegend(Alignment.UpperLeft);
        string file = section.Key.Slug + "-radius.png";
        PanelGrid.Save(Path.Combine(directory, file), plot, Width, Height);
        return new FigureFile(file, Width, Height, "Robustness radius against training eps",
            "For each model, the attack radius at which test accuracy first falls below 50% (eps50): every seed (circles), their range (bar) "
            + "and mean (square), against the eps it was trained for. The dotted line is eps50 = training eps. Mean eps50: "
            + Captions.PerModel(section.Models, Captions.Eps50) + "."
            + (notes.Count > 0 ? " " + string.Join("; ", notes) + "." : ""));
    }
}
