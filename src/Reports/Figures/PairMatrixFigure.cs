using RobustGrid.Results;
using System.Globalization;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Which class pairs can be made robust: for the sections of one dataset, norm and clip (one per class pair), a panel per
/// model (mode, training eps) with a class x class matrix of its eps50, the mean over the seeds that fall below 50%
/// on the grid. Cell (a, b) is the pair a vs b (negative a); a pair the sweep lacks is mirrored from b vs a, or left empty.
/// </summary>
internal static class PairMatrixFigure
{
    public const int PanelSize = 440, Columns = 2;

    /// <summary>A pair's eps50 for one model: the mean over the seeds that have one, and how many seeds never fall below 50%.</summary>
    internal sealed record PairEps50(int Negative, int Positive, double? Mean, int Seeds, int Never);

    /// <summary>Per model label, the pairs' eps50, in the sections' order; models in the sections' model order.</summary>
    internal static List<(ModelKey Model, List<PairEps50> Pairs)> Values(IReadOnlyList<ReportSection> sections)
    {
        var models = new List<(ModelKey, List<PairEps50>)>();
        foreach (ReportSection section in sections)
        {
            foreach (ReportModel model in section.Models)
            {
                ModelKey key = model.Key;
                int at = models.FindIndex(m => m.Item1 == key);
                if (at < 0)
                {
                    models.Add((key, []));
                    at = models.Count - 1;
                }
                double[] eps50 = [.. model.Completed.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)];
                models[at].Item2.Add(new PairEps50(section.Key.NegativeClass, section.Key.PositiveClass, eps50.Length == 0 ? null : eps50.Average(), model.Completed.Count, model.Completed.Count - eps50.Length));
            }
        }
        models.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return models;
    }

    /// <param name="sections">Sections of one dataset, norm and clip, two or more class pairs.</param>
    public static FigureFile? Draw(IReadOnlyList<ReportSection> sections, string directory)
    {
        if (sections.Count < 2)
        {
            return null;
        }
        var models = Values(sections);
        int[] classes = [.. sections.SelectMany(s => new[] { s.Key.NegativeClass, s.Key.PositiveClass }).Distinct().Order()];
        int k = classes.Length;
        double top = sections.SelectMany(s => s.Models).SelectMany(m => m.Completed).Select(r => r.AttackGrid.Stop).DefaultIfEmpty(1).Max();
        // The colour scale ends at the largest eps50 drawn (or the grid's end when some pair never falls below 50%).
        double scaleTop = models.SelectMany(m => m.Pairs).Where(p => p.Seeds > 0).Select(p => p.Mean ?? top).DefaultIfEmpty(top).Max();
        scaleTop = scaleTop > 0 ? scaleTop : top;
        var panels = new List<Plot>();
        foreach (var (model, pairs) in models)
        {
            var cells = new double[k, k];
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    cells[a, b] = double.NaN;
                }
            }
            var present = pairs.Select(p => (p.Negative, p.Positive)).ToHashSet();
            var plot = new Plot();
            foreach (PairEps50 pair in pairs.Where(p => p.Seeds > 0))
            {
                int a = Array.IndexOf(classes, pair.Negative), b = Array.IndexOf(classes, pair.Positive);
                // No seed below 50% on the grid: drawn at the top of the scale and marked.
                double value = pair.Mean ?? top;
                foreach (var (row, column) in present.Contains((pair.Positive, pair.Negative)) ? new[] { (a, b) } : [(a, b), (b, a)])
                {
                    cells[row, column] = value;
                    var text = plot.Add.Text(pair.Mean is double m ? m.ToString("0.00", CultureInfo.InvariantCulture) : ">" + top.ToString("0.##", CultureInfo.InvariantCulture), column, k - 1 - row);
                    text.Alignment = Alignment.MiddleCenter;
                    text.LabelFontSize = k > 6 ? 9 : 12;
                    text.LabelFontColor = value > 0.6 * scaleTop ? Colors.Black : Colors.White;
                }
            }
            var heatmap = plot.Add.Heatmap(cells);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.ManualRange = new ScottPlot.Range(0, scaleTop);
            heatmap.NaNCellColor = Colors.White;
            plot.MoveToBottom(heatmap);
            plot.Add.ColorBar(heatmap);
            string[] labels = [.. classes.Select(c => c.ToString(CultureInfo.InvariantCulture))];
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)i)], labels);
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)(k - 1 - i))], labels);
            plot.XLabel("positive class (y = +1)");
            plot.YLabel("negative class (y = -1)");
            plot.Title(model.Label + ": eps50 per class pair", 12);
            panels.Add(plot);
        }
        ReportSection first = sections[0];
        string file = new string(string.Create(CultureInfo.InvariantCulture, $"{first.Key.Dataset}-pairs-{first.Key.Norm}{(first.Key.Clip ? "-clip" : "")}")
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()) + ".png";
        (int w, int h) = PanelGrid.Save(Path.Combine(directory, file), panels, Math.Min(Columns, panels.Count), PanelSize + 80, PanelSize);
        return new FigureFile(file, w, h, "Which class pairs can be made robust",
            string.Create(CultureInfo.InvariantCulture, $"For each model, the eps50 of every class pair ({sections.Count} pairs; the attack radius where accuracy first falls below 50%, mean over the seeds that fall below it; ")
            + string.Create(CultureInfo.InvariantCulture, $"\">{top:0.##}\" where no seed does on the grid). Per model, the most robust pair, the least robust one and the median over pairs: ")
            + string.Join("; ", models.Select(m => Summary(m.Model, m.Pairs)))
            + ".");
    }

    private static string Summary(ModelKey model, List<PairEps50> pairs)
    {
        var known = pairs.Where(p => p.Mean is not null).ToList();
        int never = pairs.Count(p => p.Mean is null && p.Seeds > 0);
        if (known.Count == 0)
        {
            return $"{model.Label}: no pair falls below 50%";
        }
        PairEps50 best = known.OrderByDescending(p => p.Mean).ThenBy(p => p.Negative).ThenBy(p => p.Positive).First();
        PairEps50 worst = known.OrderBy(p => p.Mean).ThenBy(p => p.Negative).ThenBy(p => p.Positive).First();
        return $"{model.Label}: {best.Negative} vs {best.Positive} {Captions.Eps(best.Mean!.Value)}, {worst.Negative} vs {worst.Positive} {Captions.Eps(worst.Mean!.Value)}, median {Captions.Eps(ReportModel.Median(known.Select(p => p.Mean!.Value)))}"
            + (never > 0 ? $" ({never} pair(s) never below 50%)" : "");
    }
}
