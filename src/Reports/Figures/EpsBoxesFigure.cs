using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The eps-boxes: around a real test point x, the L-infinity, L2 and L1 balls of one radius, projected on the plane of
/// w (horizontal, unit u1 = w / ||w||_2) and the part of sign(w) orthogonal to it (vertical), with the decision
/// boundary f = 0, which in this plane is the vertical line at s = -f(x) / ||w||_2. Per model: its median seed's w and
/// b, and the test sample nearest the boundary among those the attack fools at the middle radius of the accuracy table.
/// </summary>
internal static class EpsBoxesFigure
{
    public const int PanelWidth = 520, PanelHeight = 440;
    private static readonly (ThreatNorm Norm, string Name, Color Color)[] _norms =
        [(ThreatNorm.Linf, "L-infinity", Colors.Purple), (ThreatNorm.L2, "L2", Colors.Green), (ThreatNorm.L1, "L1", Colors.OrangeRed)];

    public static FigureFile? Draw(ReportSection section, string directory)
    {
        if (section.TableEps.Count == 0)
        {
            return null;
        }
        double wanted = section.TableEps[section.TableEps.Count / 2];
        var panels = new List<Plot>();
        var notes = new List<string>();
        foreach (ReportModel model in section.Models.Where(m => m.RepresentativeWeights.Length > 0 && m.RepresentativeCurve.Count > 0))
        {
            CurvePoint[] curve = [.. model.RepresentativeCurve];
            int[] at = AttackRadii.Nearest([.. curve.Select(c => c.AttackEps)], [wanted]);
            if (at.Length == 0)
            {
                continue;
            }
            double eps = curve[at[0]].AttackEps;
            FooledSample? sample = model.Fooled.FirstOrDefault(f => f.EpsIndex == curve[at[0]].EpsIndex && f.Rank == 0);
            float[] w = model.RepresentativeWeights;
            if (sample is null || sample.Image.Length != w.Length || BallProjection.Plane(w) is not var (u1, u2))
            {
                continue;
            }
            double wNorm = Math.Sqrt(w.Sum(v => (double)v * v));
            double f = model.RepresentativeBias + sample.Image.Select((p, j) => p / 255.0 * w[j]).Sum();
            double boundary = -f / wNorm;
            // Left: the whole shadow of each ball; right: zoomed to 1.5 eps, where the L2 and L1 balls show.
            var full = new Plot();
            var zoom = new Plot();
            var reach = new List<string>();
            double extent = Math.Abs(boundary);
            for (int n = 0; n < _norms.Length; n++)
            {
                (double[] s, double[] t) = BallProjection.Boundary(u1, u2, _norms[n].Norm, eps);
                extent = Math.Max(extent, Math.Max(s.Max(v => Math.Abs(v)), t.Max(v => Math.Abs(v))));
                double along = s.Max();
                reach.Add(string.Create(CultureInfo.InvariantCulture, $"{_norms[n].Name} {along:0.###}"));
                foreach (Plot plot in new[] { full, zoom })
                {
                    var ball = plot.Add.ScatterLine(s, t, _norms[n].Color);
                    ball.LineWidth = 2;
                    ball.LegendText = string.Create(CultureInfo.InvariantCulture, $"{_norms[n].Name} ball: reaches {along:0.###} along w");
                }
            }
            foreach (Plot plot in new[] { full, zoom })
            {
                var line = plot.Add.VerticalLine(boundary, 2, Colors.Black, LinePattern.Dashed);
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"f = 0, at {boundary:0.###}");
                var point = plot.Add.Marker(0, 0, MarkerShape.FilledCircle, 8, Colors.Black);
                point.LegendText = string.Create(CultureInfo.InvariantCulture, $"x = #{sample.SampleIndex}, y = {sample.Label:+0;-0}, f(x) = {f:0.###}");
                plot.XLabel("along w / ||w||2");
                plot.YLabel("along sign(w), orthogonal part");
            }
            extent *= 1.1;
            full.Axes.SetLimits(-extent, extent, -extent, extent);
            full.Title(string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}: balls of radius {eps:0.###}"), 12);
            full.HideLegend();
            zoom.Axes.SetLimits(-1.5 * eps, 1.5 * eps, -1.5 * eps, 1.5 * eps);
            zoom.Title(string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}: zoomed to ±{1.5 * eps:0.###}"), 12);
            zoom.ShowLegend(Alignment.UpperLeft);
            zoom.Legend.FontSize = 10;
            panels.Add(full);
            panels.Add(zoom);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{model.Key.Label}: boundary at {Math.Abs(boundary):0.###}, balls reach {string.Join(", ", reach)}"));
        }
        if (panels.Count == 0)
        {
            return null;
        }
        string file = section.Key.Slug + "-eps-boxes.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), panels, 2, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "The eps-boxes",
            "Around a real test point x (the sample the attack fools nearest the boundary at the accuracy table's middle radius, for each model's "
            + "median seed), the L-infinity, L2 and L1 balls of that radius, projected (exactly: their shadows) on the plane of w and of the part of "
            + "sign(w) orthogonal to it; the dashed line is the decision boundary f = 0 of that model, at distance |f(x)| / ||w||_2 along w. A ball "
            + "that crosses it holds an adversarial example. Left the whole shadows, right zoomed to 1.5 times the radius. Along w a ball of radius eps reaches eps ||w||_dual / ||w||_2 (unclipped): "
            + string.Join("; ", notes) + ".");
    }
}
