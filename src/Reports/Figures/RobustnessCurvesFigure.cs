using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 2: accuracy under the exact attack against attack eps, per model: the mean over seeds and the min-max band.</summary>
internal static class RobustnessCurvesFigure
{
    public const int Width = 900, Height = 560;

    public static FigureFile Draw(ReportSection section, string directory)
    {
        var plot = new Plot();
        for (int m = 0; m < section.Models.Count; m++)
        {
            ReportModel model = section.Models[m];
            SeedBands band = model.Curves;
            if (band.X.Length == 0)
            {
                continue;
            }
            Color color = ModelColors.Of(m);
            var fill = plot.Add.FillY(band.X, band.Min, band.Max);
            fill.FillColor = color.WithAlpha(0.18);
            fill.LineWidth = 0;
            var line = plot.Add.ScatterLine(band.X, band.Mean, color);
            line.LineWidth = 2.5f;
            line.LegendText = $"{model.Key.Label} ({band.Seeds} seeds)";
        }
        plot.Axes.SetLimitsY(-0.02, 1.02);
        plot.XLabel($"attack eps ({SectionKey.NormName(section.Key.Norm)})");
        plot.YLabel("test accuracy under attack");
        plot.Title("Robustness curves: mean over seeds, band min to max");
        plot.ShowLegend(Alignment.UpperRight);
        string file = section.Key.Slug + "-curves.png";
        PanelGrid.Save(Path.Combine(directory, file), plot, Width, Height);
        return new FigureFile(file, Width, Height, "Robustness curves",
            "Accuracy on the test split under the exact worst-case attack of each radius. The line is the mean over seeds, the band spans the "
            + "lowest to the highest seed. In this sweep, the mean radius where accuracy first falls below 50% (eps50) is "
            + Captions.PerModel(section.Models, Captions.Eps50)
            + "; the mean accuracy at the largest radius is "
            + Captions.PerModel(section.Models, m => m.Curves.X.Length == 0 ? null
                : $"{Captions.Percent(m.Curves.Mean[^1])} at eps {m.Curves.X[^1].ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}")
            + ".");
    }
}
