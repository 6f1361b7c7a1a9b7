using System.Globalization;
using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Results;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>The human-readable summary of one run.</summary>
public static class RunSummaryPrinter
{
    private static readonly double[] _shownEps = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

    public static void Print(Dataset dataset, BinaryTask task, RunResult result)
    {
        RunPoint p = result.Point;
        var c = CultureInfo.InvariantCulture;
        string what = ModelKey.Of(p.Mode, p.Eps).Label;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{what}[/] {EnumNames.Name(p.Norm)} seed={p.Seed} on {dataset.Name} classes {p.NegativeClass} vs {p.PositiveClass} ({task.Train.Count} train, {task.Test.Count} test) [grey]{result.RunKey}[/]");

        var table = new Table().AddColumn("attack eps").AddColumn(new TableColumn("test accuracy").RightAligned());
        foreach (double eps in _shownEps)
        {
            int g = Nearest(result.Curve.Eps, eps);
            if (g >= 0 && Math.Abs(result.Curve.Eps[g] - eps) < 1e-9)
            {
                table.AddRow(result.Curve.Eps[g].ToString("0.00", c), Percent(result.Curve.Accuracy[g]));
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(result.Curve.Clipped ? "attack: exact worst case, pixels clipped to [0,1]" : "attack: exact worst case, not clipped (as in the study)");

        var s = result.Summary;
        AnsiConsole.MarkupLineInterpolated($"clean train accuracy {Percent(s.TrainAccuracy)}, clean test accuracy {Percent(s.TestAccuracy)}");
        AnsiConsole.MarkupLineInterpolated(
            $"accuracy falls below 50% at eps {(s.Eps50 is { } e ? e.ToString("0.000", c) : "never (on this grid)")}; area under curve {s.CurveArea.ToString("0.0000", c)}");
        AnsiConsole.MarkupLineInterpolated(
            $"||w||_1 = {s.WeightL1.ToString("0.000", c)}, {Percent(s.SmallWeightFraction)} of |w_i| < 0.01; time {(result.Seconds * 1000).ToString("0.0", c)} ms");
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static int Nearest(double[] values, double target)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (best < 0 || Math.Abs(values[i] - target) < Math.Abs(values[best] - target))
            {
                best = i;
            }
        }
        return best;
    }
}
