using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;

namespace RobustGrid.Reports.Figures;

/// <summary>Figure 3: each model's weight vector as an image, for its median seed, on one diverging colour scale.</summary>
internal static class WeightStampsFigure
{
    public const int PanelWidth = 300, PanelHeight = 300;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Where(m => m.Representative is not null && m.RepresentativeWeights.Length > 0).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        double limit = shown.Max(m => m.RepresentativeWeights.Max(w => Math.Abs((double)w)));
        var range = new ScottPlot.Range(-Math.Max(limit, 1e-12), Math.Max(limit, 1e-12));
        var panels = shown.Select((m, i) =>
        {
            var run = m.Representative!;
            (int rows, int columns) = ImagePanels.Shape(m.RepresentativeWeights.Length);
            string title = string.Create(CultureInfo.InvariantCulture,
                $"{m.Key.Label}, seed {run.Seed}\n||w||1 {run.WeightL1:0.0}, {run.SmallWeightFraction:0%} of |w_i| < 0.01");
            return ImagePanels.Create([.. m.RepresentativeWeights.Select(w => (double)w)], rows, columns, new ScottPlot.Colormaps.Balance(), range, title, colorBar: i == shown.Count - 1);
        }).ToList();
        string file = section.Key.Slug + "-weights.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, 4, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Weight stamps",
            string.Create(CultureInfo.InvariantCulture, $"The weights w as an image, for each model's median seed (the seed whose curve area is nearest the median), on one colour scale from {-limit:0.###} (blue) to {limit:0.###} (red). ")
            + "The fraction of weights with |w_i| < 0.01 (small_weight_fraction, mean over seeds) is "
            + Captions.PerModel(section.Models, m => m.Completed.Count == 0 ? null : Captions.Percent(m.Completed.Average(r => r.SmallWeightFraction ?? 0)))
            + "; the mean ||w||_1 is "
            + Captions.PerModel(section.Models, m => m.Completed.Count == 0 ? null : m.Completed.Average(r => r.WeightL1 ?? 0).ToString("0.0", CultureInfo.InvariantCulture))
            + ".");
    }
}
