using System.Globalization;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;
using RobustGrid.Core.Training;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;
using ScottPlot;

namespace RobustGrid.Reports.Figures;

/// <summary>
/// The loss landscape of the linear model, from real runs: per model (its median seed), the mean train loss along the
/// line from its initial weights (Glorot-uniform from the run's seed, b = 0, as Core draws them) to its final weights,
/// a = 0 initial and a = 1 final; and along a random direction through the final weights, scaled to the length of that
/// path. The train split is reloaded from the runs' dataset_source.
/// </summary>
internal static class LossLandscapeFigure
{
    public const int PanelWidth = 600, PanelHeight = 440;

    /// <summary>The stream of the run's seed the random direction is drawn from (Core uses 0 for the weights, 1 for shuffling).</summary>
    public const ulong DirectionStream = 7;

    public static IReadOnlyList<double> PathSteps { get; } = [.. Enumerable.Range(0, 61).Select(i => -0.25 + 1.5 * i / 60)];

    public static IReadOnlyList<double> RandomSteps { get; } = [.. Enumerable.Range(0, 61).Select(i => -1 + 2.0 * i / 60)];

    /// <summary>The figure, or null and a note for the page when no model's train split could be loaded.</summary>
    public static FigureFile? Draw(ReportSection section, string directory, TaskSource tasks, out string? note)
    {
        note = null;
        var path = new Plot();
        var random = new Plot();
        var notes = new List<string>();
        var problems = new List<string>();
        for (int m = 0; m < section.Models.Count; m++)
        {
            ReportModel model = section.Models[m];
            if (model.Representative is not { } run || model.RepresentativeWeights.Length == 0)
            {
                continue;
            }
            BinaryTask? task = tasks.Of(run, out string problem);
            if (task is null || task.Features != model.RepresentativeWeights.Length)
            {
                problems.Add(task is null ? problem : "the weights do not match the dataset's image size");
                continue;
            }
            var line = Lines(task, model);
            Color color = ModelColors.Of(m);
            AddLoss(path, PathSteps, line.PathHinge, line.PathRobust, color, model);
            AddLoss(random, RandomSteps, line.RandomHinge, line.RandomRobust, color, model);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{model.Key.Label}: {line.Initial:0.###} at the initial weights, {line.Final:0.###} at the final ones (test split {line.FinalTest:0.###}), {line.RandomEnds:0.###} one path-length away along the random direction (mean of both ends)"));
        }
        if (notes.Count == 0)
        {
            note = "The loss landscape is not drawn: " + string.Join("; ", problems.Distinct()) + ".";
            return null;
        }
        foreach (var (plot, x) in new[] { (path, "a: initial weights at 0, final at 1"), (random, "b: distance along the random direction, in path lengths") })
        {
            plot.XLabel(x);
            plot.YLabel("mean train loss");
            plot.ShowLegend(Alignment.UpperRight);
        }
        path.Title("From the initial to the final weights", 12);
        random.Title("Through the final weights, along a random direction", 12);
        string file = section.Key.Slug + "-landscape.png";
        (int width, int height) = PanelGrid.Save(Path.Combine(directory, file), [path, random], 2, PanelWidth, PanelHeight);
        return new FigureFile(file, width, height, "Loss landscape of the linear model",
            "For each model's median seed, the mean loss over the train split (reloaded from the runs' dataset) along two lines in weight space: "
            + "left, (w, b) = (w0, 0) + a ((w1, b1) - (w0, 0)) from the Glorot-uniform initial weights w0 of the run's seed to its final weights; "
            + "right, through the final weights along a random direction (uniform in [-1, 1] per weight, from stream 7 of the run's seed, scaled to "
            + "the length of that path; b fixed). Solid: the plain hinge; dashed: the robust hinge of the model's training eps. The hinge of a linear "
            + "model is convex in (w, b), so each line is a convex curve. Mean train hinge: "
            + string.Join("; ", notes) + "."
            + (problems.Count > 0 ? " Not drawn for some models: " + string.Join("; ", problems.Distinct()) + "." : ""));
    }

    internal sealed record LossLines(double[] PathHinge, double[] PathRobust, double[] RandomHinge, double[] RandomRobust,
        double Initial, double Final, double FinalTest, double RandomEnds);

    /// <summary>The two lines of one model's representative run on its task.</summary>
    internal static LossLines Lines(BinaryTask task, ReportModel model)
    {
        ReportRun run = model.Representative!;
        float[] w1 = model.RepresentativeWeights;
        float b1 = model.RepresentativeBias;
        float[] w0 = LinearModel.GlorotUniform(w1.Length, run.Seed).Weights;
        float[] dw = [.. w1.Select((w, j) => w - w0[j])];
        ThreatNorm norm = run.Norm;
        double eps = ModelKey.Of(run.Mode, run.TrainEps).TrainEps ?? 0;
        var (pathHinge, pathRobust) = LossLine.Along(task.Train, w0, 0f, dw, b1, PathSteps, norm, eps);
        var generator = new DeterministicRandom(run.Seed, DirectionStream);
        float[] direction = [.. w1.Select(_ => (float)(2 * generator.NextDouble() - 1))];
        double scale = Math.Sqrt(dw.Sum(v => (double)v * v) + (double)b1 * b1) / Math.Max(Math.Sqrt(direction.Sum(v => (double)v * v)), 1e-300);
        direction = [.. direction.Select(v => (float)(v * scale))];
        var (randomHinge, randomRobust) = LossLine.Along(task.Train, w1, b1, direction, 0f, RandomSteps, norm, eps);
        var (testHinge, _) = LossLine.Along(task.Test, w1, b1, new float[w1.Length], 0f, [0.0], norm, 0);
        return new LossLines(pathHinge, pathRobust, randomHinge, randomRobust,
            pathHinge[IndexOf(PathSteps, 0)], pathHinge[IndexOf(PathSteps, 1)], testHinge[0], (randomHinge[0] + randomHinge[^1]) / 2);
    }

    private static int IndexOf(IReadOnlyList<double> steps, double a) => Enumerable.Range(0, steps.Count).MinBy(i => Math.Abs(steps[i] - a));

    private static void AddLoss(Plot plot, IReadOnlyList<double> steps, double[] hinge, double[] robust, Color color, ReportModel model)
    {
        double[] x = [.. steps];
        var plain = plot.Add.ScatterLine(x, hinge, color);
        plain.LineWidth = 2;
        plain.LegendText = model.Key.Label + ": hinge";
        if (model.Key.Mode == TrainingMode.Robust)
        {
            var worst = plot.Add.ScatterLine(x, robust, color);
            worst.LineWidth = 1.5f;
            worst.LinePattern = LinePattern.Dashed;
            worst.LegendText = model.Key.Label + ": robust hinge";
        }
    }
}
