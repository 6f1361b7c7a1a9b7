using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The misclassified clean test samples: per model (its median seed), the samples misclassified without any attack,
/// nearest the boundary first: the rows of misclassified.parquet at eps_index 0, when the grid starts at radius 0.
/// </summary>
internal static class CleanErrorsFigure
{
    public const int PanelWidth = 170, PanelHeight = 190;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Where(m => m.Representative is not null && m.RepresentativeCurve.Count > 0 && m.RepresentativeCurve[0].EpsIndex == 0).ToList();
        if (shown.Count == 0 || shown.Any(m => m.RepresentativeCurve[0].AttackEps != 0))
        {
            return null;
        }
        var pixels = new ScottPlot.Range(0, 1);
        var panels = new List<ScottPlot.Plot>();
        foreach (ReportModel model in shown)
        {
            FooledSample[] clean = [.. model.Fooled.Where(f => f.EpsIndex == 0).OrderBy(f => f.Rank)];
            for (int k = 0; k < FooledSamples.Ranks; k++)
            {
                string head = k == 0 ? model.Key.Label + "\n" : "\n";
                if (k >= clean.Length)
                {
                    panels.Add(ImagePanels.Empty(head.TrimEnd(), k == 0 ? "no clean error" : ""));
                    continue;
                }
                FooledSample f = clean[k];
                panels.Add(ImagePanels.Create([.. f.Image.Select(p => p / 255.0)], f.ImageRows, f.ImageColumns, new ScottPlot.Colormaps.Grayscale(), pixels,
                    string.Create(CultureInfo.InvariantCulture, $"{head}#{f.SampleIndex}, y = {f.Label:+0;-0}\nf(x) = {f.Logit:0.###}")));
            }
        }
        string file = section.Key.Slug + "-clean-errors.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, FooledSamples.Ranks, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Misclassified clean test samples",
            string.Create(CultureInfo.InvariantCulture, $"For each model's median seed, up to {FooledSamples.Ranks} test samples it misclassifies without any attack (attack radius 0), nearest the boundary first, with their label y and logit f(x). ")
            + "Clean test errors of that seed (misclassified_count at radius 0): "
            + Captions.PerModel(shown, m => m.RepresentativeCurve[0].MisclassifiedCount.ToString(CultureInfo.InvariantCulture))
            + "; mean clean test accuracy over seeds: "
            + Captions.PerModel(shown, m => m.Completed.Count == 0 ? null : Captions.Percent(m.Completed.Average(r => r.TestAccuracy ?? 0)))
            + ".");
    }
}
