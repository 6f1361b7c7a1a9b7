using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Figure 4: per model (its median seed), the fooled test sample nearest the boundary at several attack radii,
/// as the clean image beside the attacked one, x' = x - y * eps * u (u = sign(w) for L-infinity).
/// </summary>
internal static class FoolingExamplesFigure
{
    public const int PanelWidth = 170, PanelHeight = 190;
    /// <summary>The radii shown: the grid points nearest 10%, 20%, 40% and 60% of the representative run's grid.</summary>
    private static readonly double[] _fractions = [0.1, 0.2, 0.4, 0.6];

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        var shown = section.Models.Where(m => m.Representative is not null && m.RepresentativeWeights.Length > 0).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        var pixels = new ScottPlot.Range(0, 1);
        var panels = new List<ScottPlot.Plot>();
        int[] radii = [];
        foreach (ReportModel model in shown)
        {
            var run = model.Representative!;
            double[] grid = [.. model.RepresentativeCurve.Select(c => c.AttackEps)];
            radii = AttackRadii.Nearest(grid, _fractions.Select(f => run.AttackGrid.Start + f * (run.AttackGrid.Stop - run.AttackGrid.Start)));
            float[] weights = model.RepresentativeWeights;
            foreach (int g in radii)
            {
                string at = string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}, eps {grid[g]:0.###}");
                FooledSample? fooled = model.Fooled.FirstOrDefault(f => f.EpsIndex == g && f.Rank == 0);
                if (fooled is null || fooled.Image.Length != weights.Length)
                {
                    panels.Add(ImagePanels.Empty(at, "nothing fooled"));
                    panels.Add(ImagePanels.Empty("", ""));
                    continue;
                }
                double[] clean = [.. fooled.Image.Select(p => p / 255.0)];
                double[] attacked = AttackDirection.Perturb(weights, fooled.Image, (sbyte)fooled.Label, run.Norm, grid[g], run.Clip);
                panels.Add(ImagePanels.Create(clean, fooled.ImageRows, fooled.ImageColumns, new ScottPlot.Colormaps.Grayscale(), pixels,
                    string.Create(CultureInfo.InvariantCulture, $"{at}\nclean #{fooled.SampleIndex}, y = {fooled.Label:+0;-0}")));
                panels.Add(ImagePanels.Create(attacked, fooled.ImageRows, fooled.ImageColumns, new ScottPlot.Colormaps.Grayscale(), pixels,
                    string.Create(CultureInfo.InvariantCulture, $"\nattacked: f(x') = {fooled.Logit:0.###}")));
            }
        }
        if (panels.Count == 0)
        {
            return null;
        }
        string file = section.Key.Slug + "-fooling.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, 2 * Math.Max(1, radii.Length), PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Fooling examples",
            "For each model's median seed, the test sample the attack fools nearest the decision boundary at each radius: the clean image "
            + "and the attacked one (grey scale 0 to 1; unclipped pixels outside it show as black or white). The radii are the grid points nearest "
            + "10%, 20%, 40% and 60% of the attack grid. Test samples the attack fools there (that seed's misclassified_count): "
            + Captions.PerModel(shown, m =>
            {
                double[] wanted = [.. _fractions.Select(f => m.Representative!.AttackGrid.Start + f * (m.Representative.AttackGrid.Stop - m.Representative.AttackGrid.Start))];
                CurvePoint[] curve = [.. m.RepresentativeCurve];
                return string.Join(", ", AttackRadii.Nearest([.. curve.Select(c => c.AttackEps)], wanted)
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{curve[g].MisclassifiedCount} at eps {curve[g].AttackEps:0.###}")));
            })
            + ".");
    }

}
