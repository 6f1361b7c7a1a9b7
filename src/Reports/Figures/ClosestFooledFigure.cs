using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The k closest misclassified samples at chosen radii: per model (its median seed) and radius of the accuracy table,
/// the attacked images of ranks 0..k-1 (nearest the boundary first), x' = x - y * eps * u.
/// </summary>
internal static class ClosestFooledFigure
{
    public const int PanelWidth = 170, PanelHeight = 190;

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Where(m => m.Representative is not null && m.RepresentativeWeights.Length > 0 && m.RepresentativeCurve.Count > 0).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        var pixels = new ScottPlot.Range(0, 1);
        var panels = new List<ScottPlot.Plot>();
        var counts = new Dictionary<ReportModel, List<string>>();
        foreach (ReportModel model in shown)
        {
            ReportRun run = model.Representative!;
            CurvePoint[] curve = [.. model.RepresentativeCurve];
            counts[model] = [];
            foreach (int g in AttackRadii.Nearest([.. curve.Select(c => c.AttackEps)], section.TableEps))
            {
                double eps = curve[g].AttackEps;
                FooledSample[] closest = [.. model.Fooled.Where(f => f.EpsIndex == curve[g].EpsIndex).OrderBy(f => f.Rank)];
                counts[model].Add(string.Create(CultureInfo.InvariantCulture, $"{closest.Length} of {curve[g].MisclassifiedCount} at eps {eps:0.###}"));
                for (int k = 0; k < FooledSamples.Ranks; k++)
                {
                    string head = k == 0 ? string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}, eps {eps:0.###}\n") : "\n";
                    if (k >= closest.Length || closest[k].Image.Length != model.RepresentativeWeights.Length)
                    {
                        panels.Add(ImagePanels.Empty(head.TrimEnd(), k == 0 ? "nothing fooled" : ""));
                        continue;
                    }
                    FooledSample f = closest[k];
                    double[] attacked = AttackDirection.Perturb(model.RepresentativeWeights, f.Image, (sbyte)f.Label,
                        run.Norm, eps, run.Clip);
                    panels.Add(ImagePanels.Create(attacked, f.ImageRows, f.ImageColumns, new ScottPlot.Colormaps.Grayscale(), pixels,
                        string.Create(CultureInfo.InvariantCulture, $"{head}rank {f.Rank}: #{f.SampleIndex}\nf(x') = {f.Logit:0.###}")));
                }
            }
        }
        if (panels.Count == 0)
        {
            return null;
        }
        string file = section.Key.Slug + "-closest.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, FooledSamples.Ranks, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Closest misclassified samples per radius",
            string.Create(CultureInfo.InvariantCulture, $"For each model's median seed and each radius of the accuracy table, the {FooledSamples.Ranks} attacked test samples it misclassifies nearest the boundary (smallest |f(x')|, rank 0 first; grey scale 0 to 1). ")
            + "Shown of fooled at each radius: "
            + Captions.PerModel(shown, m => string.Join(", ", counts[m]))
            + ".");
    }
}
