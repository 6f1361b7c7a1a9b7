using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The wipe-out epoch by epoch: one panel per model, the quantiles of |w_i| at the end of each epoch (epochs.parquet's
/// weight_abs_quantiles, mean over seeds) on a log scale, with the robust models' training eps dotted. Robust training
/// drives the weights below eps towards 0; regular training does not.
/// </summary>
internal static class WipeOutEpochsFigure
{
    public const int PanelWidth = 420, PanelHeight = 340, Columns = 2;
    private const double Floor = 1e-6;

    // Probabilities 0.05, 0.25, 0.5, 0.75, 0.95 among the 21 recorded quantiles.
    private const int Low = 1, LowerQuartile = 5, Median = LogitQuantiles.MedianIndex, UpperQuartile = 15, High = 19;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Select((m, i) => (Model: m, Color: ModelColors.Of(i)))
            .Where(p => p.Model.WeightQuantiles.Count == LogitQuantiles.Count && p.Model.WeightQuantiles[Median].X.Length > 0).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        double[] robustEps = [.. shown.Select(p => p.Model.Key.TrainEps).OfType<double>().Where(e => e > 0).Distinct().Order()];
        double bottom = shown.Min(p => Log(p.Model.WeightQuantiles[Low].Mean.Min()));
        double top = shown.Max(p => Log(p.Model.WeightQuantiles[High].Mean.Max()));
        foreach (double eps in robustEps)
        {
            (bottom, top) = (Math.Min(bottom, Log(eps)), Math.Max(top, Log(eps)));
        }
        var panels = new List<Plot>();
        foreach (var (model, color) in shown)
        {
            var plot = new Plot();
            IReadOnlyList<SeedBands> q = model.WeightQuantiles;
            double[] epochs = q[Median].X;
            Band(plot, epochs, q[Low], q[High], color.WithAlpha(0.15), "5-95%");
            Band(plot, epochs, q[LowerQuartile], q[UpperQuartile], color.WithAlpha(0.35), "25-75%");
            var median = plot.Add.Scatter(epochs, [.. q[Median].Mean.Select(Log)], color);
            median.LineWidth = 2;
            median.LegendText = "median |w_i|";
            foreach (double eps in robustEps)
            {
                bool own = model.Key.TrainEps is double e && Math.Abs(e - eps) < 1e-12;
                var line = plot.Add.HorizontalLine(Log(eps), own ? 2f : 1f, own ? Colors.Black : Colors.Gray, LinePattern.Dotted);
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"train eps {eps:0.###}");
            }
            plot.Axes.SetLimitsY(bottom - 0.2, top + 0.2);
            plot.Title(model.Key.Label + string.Create(CultureInfo.InvariantCulture, $" ({q[Median].Seeds} seeds)"), 12);
            plot.XLabel("epoch");
            plot.YLabel("log10 |w_i|");
            if (panels.Count == 0)
            {
                // One legend, on the first panel (regular models sit high, leaving its lower left free); the others read the same.
                plot.ShowLegend(Alignment.LowerLeft);
            }
            else
            {
                plot.HideLegend();
            }
            panels.Add(plot);
        }
        string file = section.Key.Slug + "-wipe-out-epochs.png";
        (int w, int h) = PanelGrid.Save(Path.Combine(directory, file), panels, Math.Min(Columns, panels.Count), PanelWidth, PanelHeight);
        return new FigureFile(file, w, h, "The wipe-out, epoch by epoch",
            "The quantiles of |w_i| at the end of every epoch (epochs.parquet's weight_abs_quantiles, each the mean over seeds; log scale, "
            + string.Create(CultureInfo.InvariantCulture, $"below {Floor:0e0} drawn at {Floor:0e0}): ")
            + "the median as a line, the 25-75% and 5-95% ranges shaded, the robust models' training eps dotted (a robust model's own eps in black). "
            + "The median |w_i| from the first epoch to the last: "
            + Captions.PerModel(shown.Select(p => p.Model), m => $"{Small(m.WeightQuantiles[Median].Mean[0])} to {Small(m.WeightQuantiles[Median].Mean[^1])}")
            + "; the 25% quantile after the last epoch: "
            + Captions.PerModel(shown.Select(p => p.Model), m => Small(m.WeightQuantiles[LowerQuartile].Mean[^1]))
            + ".");
    }

    /// <summary>Three significant digits: weights span orders of magnitude.</summary>
    internal static string Small(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static double Log(double value) => Math.Log10(Math.Max(value, Floor));

    private static void Band(Plot plot, double[] x, SeedBands low, SeedBands high, Color fill, string label)
    {
        var band = plot.Add.FillY(x, [.. low.Mean.Select(Log)], [.. high.Mean.Select(Log)]);
        band.FillColor = fill;
        band.LineWidth = 0;
        band.LegendText = label;
    }
}
