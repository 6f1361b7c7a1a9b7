using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The wipe-out: the distribution of |w_i| of each model's final weights (its median seed), on a log scale, with each
/// robust model's training eps marked; and the fraction of weights below each size. Final weights only: epoch by epoch
/// the results keep quantiles of |w_i|, drawn by <see cref="WipeOutEpochsFigure"/>.
/// </summary>
internal static class WipeOutFigure
{
    public const int PanelWidth = 600, PanelHeight = 440, Bins = 60;
    private const double Floor = 1e-6;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Select((m, i) => (Model: m, Color: ModelColors.Of(i))).Where(p => p.Model.RepresentativeWeights.Length > 0).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        double top = Math.Log10(Math.Max(shown.Max(p => p.Model.RepresentativeWeights.Max(w => Math.Abs((double)w))), Floor * 10));
        double bottom = Math.Log10(Floor);
        double width = (top - bottom) / Bins;
        double[] centers = [.. Enumerable.Range(0, Bins).Select(b => bottom + (b + 0.5) * width)];
        var histogram = new Plot();
        var modes = new Dictionary<ReportModel, int>();
        var cumulative = new Plot();
        foreach (var (model, color) in shown)
        {
            double[] logs = [.. model.RepresentativeWeights.Select(w => Math.Log10(Math.Max(Math.Abs((double)w), Floor)))];
            var counts = new double[Bins];
            foreach (double l in logs)
            {
                counts[Math.Clamp((int)((l - bottom) / width), 0, Bins - 1)] += 1.0 / logs.Length;
            }
            modes[model] = Array.IndexOf(counts, counts.Max());
            var line = histogram.Add.ScatterLine(centers, counts, color);
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = model.Key.Label;
            double[] sorted = [.. logs.Order()];
            var fraction = cumulative.Add.ScatterLine(sorted, [.. sorted.Select((_, i) => (i + 1.0) / sorted.Length)], color);
            fraction.LineWidth = 2;
            fraction.LegendText = model.Key.Label;
            if (model.Key.TrainEps is double eps && eps > 0)
            {
                foreach (Plot plot in new[] { histogram, cumulative })
                {
                    var mark = plot.Add.VerticalLine(Math.Log10(eps), 1.5f, color, LinePattern.Dotted);
                    mark.LegendText = string.Create(CultureInfo.InvariantCulture, $"eps {eps:0.###}");
                }
            }
        }
        histogram.XLabel(string.Create(CultureInfo.InvariantCulture, $"log10 |w_i| (below {Floor:0e0} in the first bin)"));
        histogram.YLabel("fraction of weights");
        histogram.Title("Distribution of |w_i|, final weights of the median seed", 12);
        histogram.ShowLegend(Alignment.UpperLeft);
        cumulative.XLabel("log10 t");
        cumulative.YLabel("fraction of weights with |w_i| ≤ t");
        cumulative.Title("Cumulative: how many weights are below each size", 12);
        cumulative.ShowLegend(Alignment.UpperLeft);
        string file = section.Key.Slug + "-wipe-out.png";
        (int w, int h) = PanelGrid.Save(Path.Combine(directory, file), [histogram, cumulative], 2, PanelWidth, PanelHeight);
        return new FigureFile(file, w, h, "The wipe-out of small weights",
            "The distribution of |w_i| over the pixels of each model's final weights (median seed; the next figure follows its quantiles "
            + "epoch by epoch), with each robust model's training eps dotted. The robust hinge's gradient adds eps "
            + "times the gradient of ||w||_dual for every active sample, pulling every weight towards 0; weights the data does not hold up end near 0. "
            + "Fraction of |w_i| < 0.01 (as small_weight_fraction counts them): "
            + Captions.PerModel(shown.Select(p => p.Model), m => Captions.Percent(Below(m.RepresentativeWeights, Core.Evaluation.RobustnessSummary.SmallWeight)))
            + "; the most common size (the histogram's highest bin): "
            + Captions.PerModel(shown.Select(p => p.Model), m => string.Create(CultureInfo.InvariantCulture, $"|w_i| ≈ 10^{centers[modes[m]]:0.0}"))
            + "; fraction below each robust model's training eps, and the other models' fractions below the same eps: "
            + string.Join("; ", shown.Where(p => p.Model.Key.TrainEps is > 0).Select(p =>
            {
                double eps = p.Model.Key.TrainEps!.Value;
                return string.Create(CultureInfo.InvariantCulture, $"below {eps:0.###}: ")
                    + string.Join(", ", shown.Select(o => $"{o.Model.Key.Label} {Captions.Percent(Below(o.Model.RepresentativeWeights, eps))}"));
            }))
            + ".");
    }

    /// <summary>The fraction of weights with |w_i| strictly below <paramref name="threshold"/>, as runs.parquet's small_weight_fraction counts them.</summary>
    internal static double Below(IReadOnlyList<float> weights, double threshold) =>
        weights.Count == 0 ? 0 : (double)weights.Count(w => Math.Abs(w) < threshold) / weights.Count;
}
