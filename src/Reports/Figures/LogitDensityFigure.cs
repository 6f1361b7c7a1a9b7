using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 5: how confidently wrong the fooled samples are: densities of their |logit| at several radii, per model, over all seeds.</summary>
internal static class LogitDensityFigure
{
    public const int PanelWidth = 420, PanelHeight = 320, Bins = 40;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var perModel = section.Models.Where(m => m.LogitRadii.Count > 0).ToList();
        if (perModel.Count == 0)
        {
            return null;
        }
        // One x range for every panel, so that widths compare: up to the largest 95% quantile shown.
        double top = perModel.SelectMany(m => m.LogitRadii.SelectMany(at => at.Where(c => c.MisclassifiedAbsLogitQuantiles.Length > 0)
            .Select(c => (double)c.MisclassifiedAbsLogitQuantiles[LogitQuantiles.Count - 2]))).DefaultIfEmpty(1).Max();
        top = top > 0 ? top * 1.05 : 1;
        double[] centers = [.. Enumerable.Range(0, Bins).Select(b => top * (b + 0.5) / Bins)];
        var panels = new List<Plot>();
        foreach (ReportModel model in perModel)
        {
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            var medians = new List<string>();
            for (int i = 0; i < model.LogitRadii.Count; i++)
            {
                IReadOnlyList<CurvePoint> at = model.LogitRadii[i];
                double[] density = LogitDensities.Binned(at.Select(c => ((IReadOnlyList<float>)c.MisclassifiedAbsLogitQuantiles, c.MisclassifiedCount)), top, Bins);
                double eps = at[0].AttackEps;
                int fooled = at.Sum(c => c.MisclassifiedCount);
                var line = plot.Add.ScatterLine(centers, density, palette.GetColor(i + 3));
                line.LineWidth = 2;
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"eps {eps:0.##}: {fooled} fooled");
                var withMedian = at.Where(c => c.MisclassifiedAbsLogitMedian is not null).ToList();
                medians.Add(withMedian.Count > 0 ? Captions.Logit(MeanMedian(at)!.Value) : "none fooled");
            }
            plot.Axes.SetLimitsX(0, top);
            plot.XLabel("|f(x')| of fooled samples");
            plot.YLabel("density");
            plot.Title($"{model.Key.Label}: median |f(x')| {string.Join(" / ", medians)}", 12);
            plot.ShowLegend(Alignment.UpperRight);
            panels.Add(plot);
        }
        string file = section.Key.Slug + "-logits.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, 2, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Logit distributions of fooled samples",
            "For each model, the density of |f(x')| over every test sample the attack fools, pooled over seeds, at the accuracy table's radii "
            + "(rebuilt from 21 stored quantiles per run and radius). Far from 0 means confidently wrong, near 0 means uncertain. "
            + "In this sweep the median |f(x')| of the fooled samples (mean over seeds of misclassified_abs_logit_median) is "
            + Captions.PerModel(perModel, m => string.Join(", ", m.LogitRadii.Select(at =>
                $"{(MeanMedian(at) is double v ? Captions.Logit(v) : "none fooled")} at eps {at[0].AttackEps.ToString("0.###", CultureInfo.InvariantCulture)}")))
            + ".");
    }

    /// <summary>The mean over seeds of the median fooled |logit| at one radius; null when no seed was fooled there.</summary>
    internal static double? MeanMedian(IReadOnlyList<CurvePoint> at)
    {
        double[] medians = [.. at.Where(c => c.MisclassifiedAbsLogitMedian is not null).Select(c => (double)c.MisclassifiedAbsLogitMedian!.Value)];
        return medians.Length > 0 ? medians.Average() : null;
    }
}
