using System.Globalization;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// Transferability: accuracy of each target model on the test split attacked against each source model, at the
/// accuracy table's middle radius, white-box on the diagonal. From transfer.parquet when the sweep wrote it (the mean
/// over seeds of the same-seed pairs); else computed here for the models' median seeds (<see cref="TransferMatrix"/>).
/// </summary>
internal static class TransferFigure
{
    public const int Size = 560;

    /// <summary>The figure, or null (and a note for the page when the test split could not be loaded).</summary>
    public static FigureFile? Draw(ReportSection section, string directory, TaskSource tasks, TransferTable? table, out string? note)
    {
        note = null;
        if (section.TableEps.Count > 0 && table?.Of(section.Key) is { } cells && FromFile(section, directory, cells) is { } drawn)
        {
            return drawn;
        }
        var shown = section.Models.Where(m => m.Representative is not null && m.RepresentativeWeights.Length > 0).ToList();
        if (shown.Count < 2 || section.TableEps.Count == 0)
        {
            return null;
        }
        BinaryTask? task = tasks.Of(shown[0].Representative!, out string problem);
        if (task is null || task.Features != shown[0].RepresentativeWeights.Length)
        {
            note = "The transfer attacks are not drawn: " + (task is null ? problem : "the weights do not match the dataset's image size") + ".";
            return null;
        }
        double eps = section.TableEps[section.TableEps.Count / 2];
        ThreatNorm norm = section.Key.Norm;
        double[,] accuracy = TransferMatrix.Accuracy(task.Test, [.. shown.Select(m => (m.RepresentativeWeights, m.RepresentativeBias))], norm, eps, section.Key.Clip, closedForm: !section.Key.Clip);
        int k = shown.Count;
        string[] labels = [.. shown.Select(m => m.Key.Label)];
        string file = Save(section, directory, accuracy, labels, eps);
        return new FigureFile(file, Size + 120, Size, "Transfer attacks",
            string.Create(CultureInfo.InvariantCulture, $"Accuracy of each target model (column) on the test split attacked with the worst-case perturbation of radius {eps:0.###} against a source model (row), ")
            + (section.Key.Clip ? "perturbed images built explicitly and clipped to [0, 1]" : "in closed form for linear models: B keeps x iff y f_B(x) - eps (w_B . u_A) > 0")
            + "; each model's median seed (not a mean over seeds: run the sweep with --transfer for that). The diagonal is the white-box attack. Off the diagonal, the attack made against another model: "
            + OffDiagonal(accuracy, labels)
            + ".");
    }

    /// <summary>The matrix of transfer.parquet: each cell the mean over the seeds that have it; null unless every cell of the section's models is there.</summary>
    private static FigureFile? FromFile(ReportSection section, string directory, TransferTable.Cells cells)
    {
        var models = section.Models.Where(m => cells.SameSeed.ContainsKey((m.Key, m.Key))).ToList();
        int k = models.Count;
        if (k < 2)
        {
            return null;
        }
        var accuracy = new double[k, k];
        int seeds = int.MaxValue, fewest = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                if (!cells.SameSeed.TryGetValue((models[a].Key, models[b].Key), out var cell))
                {
                    return null;
                }
                accuracy[a, b] = cell.Sum / cell.Count;
                seeds = Math.Min(seeds, cell.Count);
                fewest = Math.Max(fewest, cell.Count);
            }
        }
        string[] labels = [.. models.Select(m => m.Key.Label)];
        string file = Save(section, directory, accuracy, labels, cells.Eps);
        string seedText = seeds == fewest ? $"{seeds} seeds" : $"{seeds} to {fewest} seeds";
        var cross = models.Where(m => cells.CrossSeed.ContainsKey(m.Key)).ToList();
        return new FigureFile(file, Size + 120, Size, "Transfer attacks",
            string.Create(CultureInfo.InvariantCulture, $"Accuracy of each target model (column) on the test split attacked with the worst-case perturbation of radius {cells.Eps:0.###} against a source model (row) of the same seed, ")
            + $"the mean over {seedText} (transfer.parquet; "
            + (section.Key.Clip ? "perturbed images clipped to [0, 1]" : "unclipped, in closed form: B keeps x iff y f_B(x) - eps (w_B . u_A) > 0")
            + "). The diagonal is the white-box attack. Off the diagonal, the attack made against another model: "
            + OffDiagonal(accuracy, labels)
            + (cross.Count == 0 ? "" : ". Each model attacked with the perturbations of the same model trained from the next seed: "
                + string.Join(", ", cross.Select(m =>
                {
                    var (sum, count) = cells.CrossSeed[m.Key];
                    return $"{m.Key.Label} {Captions.Percent(sum / count)}";
                })))
            + ".");
    }

    private static string OffDiagonal(double[,] accuracy, string[] labels)
    {
        int k = labels.Length;
        return string.Join("; ", Enumerable.Range(0, k).Select(a => $"against {labels[a]}: "
            + string.Join(", ", Enumerable.Range(0, k).Where(b => b != a).Select(b => $"{labels[b]} {Captions.Percent(accuracy[a, b])}"))));
    }

    private static string Save(ReportSection section, string directory, double[,] accuracy, string[] labels, double eps)
    {
        int k = labels.Length;
        var cells = (double[,])accuracy.Clone();
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                // Heatmap row 0 is drawn at the top: row a sits at y = k - 1 - a.
                var text = plot.Add.Text(Captions.Percent(accuracy[a, b]), b, k - 1 - a);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
                text.LabelFontColor = accuracy[a, b] > 0.6 ? Colors.Black : Colors.White;
            }
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)i)], labels);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)(k - 1 - i))], labels);
        plot.XLabel("target model (evaluated)");
        plot.YLabel("source model (attacked)");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Transfer attacks at eps {eps:0.###}: target accuracy"), 12);
        string file = section.Key.Slug + "-transfer.png";
        PanelGrid.Save(Path.Combine(directory, file), plot, Size + 120, Size);
        return file;
    }
}
