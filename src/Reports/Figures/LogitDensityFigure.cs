using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 5: how confidently wrong the fooled samples are: densities of their |logit| at several radii, per model, over all seeds.</summary>
internal static class LogitDensityFigure
{
    public const int PanelWidth = 420, PanelHeight = 320, Bins = 40;
    private static readonly double[] _radii = [0.1, 0.2, 0.3];

    public static FigureFile? Draw(ReportData data, ReportSection section, string directory)
    {
        var perModel = section.Models.Select(m =>
        {
            List<List<CurveRow>> curves = [.. m.Completed.Select(r => data.CurvesByRun[r.RunKey].ToList()).Where(c => c.Count > 0)];
            int[] radii = curves.Count == 0 ? [] : AttackRadii.Nearest([.. curves[0].Select(c => c.AttackEps)], _radii);
            return (Model: m, Curves: curves, Radii: radii);
        }).Where(x => x.Radii.Length > 0).ToList();
        if (perModel.Count == 0)
        {
            return null;
        }
        // One x range for every panel, so that widths compare: up to the largest 95% quantile shown.
        double top = perModel.SelectMany(x => x.Radii.SelectMany(g => x.Curves.Where(c => g < c.Count && c[g].MisclassifiedAbsLogitQuantiles.Count > 0)
            .Select(c => (double)c[g].MisclassifiedAbsLogitQuantiles[LogitQuantiles.Count - 2]))).DefaultIfEmpty(1).Max();
        top = top > 0 ? top * 1.05 : 1;
        double[] centers = [.. Enumerable.Range(0, Bins).Select(b => top * (b + 0.5) / Bins)];
        var panels = new List<Plot>();
        foreach (var (model, curves, radii) in perModel)
        {
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            var medians = new List<string>();
            for (int i = 0; i < radii.Length; i++)
            {
                int g = radii[i];
                var at = curves.Where(c => g < c.Count).Select(c => c[g]).ToList();
                double[] density = LogitDensities.Binned(at.Select(c => ((IReadOnlyList<float>)c.MisclassifiedAbsLogitQuantiles, c.MisclassifiedCount)), top, Bins);
                double eps = at[0].AttackEps;
                int fooled = at.Sum(c => c.MisclassifiedCount);
                var line = plot.Add.ScatterLine(centers, density, palette.GetColor(i + 3));
                line.LineWidth = 2;
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"eps {eps:0.##}: {fooled} fooled");
                var withMedian = at.Where(c => c.MisclassifiedAbsLogitMedian is not null).ToList();
                if (withMedian.Count > 0)
                {
                    medians.Add(string.Create(CultureInfo.InvariantCulture, $"{withMedian.Average(c => c.MisclassifiedAbsLogitMedian!.Value):0.##}"));
                }
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
            "For each model, the density of |f(x')| over every test sample the attack fools, pooled over seeds, at several attack radii "
            + "(rebuilt from 21 stored quantiles per run and radius). Far from 0 means confidently wrong, near 0 means uncertain: "
            + "the regular model is fooled with large logits, robust models only just cross the boundary.");
    }
}
