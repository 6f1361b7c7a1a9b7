using System.Globalization;
using RobustGrid.Results;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>The per-model table of a sweep, mean +/- std over seeds, read from its Parquet files.</summary>
public static class SweepSummaryTable
{
    public static async Task PrintAsync(string directory, CancellationToken cancellationToken)
    {
        var table = new Table()
            .AddColumn("model")
            .AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("clean acc %").RightAligned())
            .AddColumn(new TableColumn("acc @0.1 %").RightAligned())
            .AddColumn(new TableColumn("acc @0.2 %").RightAligned())
            .AddColumn(new TableColumn("acc @0.3 %").RightAligned())
            .AddColumn(new TableColumn("eps50").RightAligned());
        foreach (ModelSummary m in await SweepSummary.ReadAsync(directory, cancellationToken))
        {
            string name = m.Mode == "regular" ? "regular" : $"robust eps={m.TrainEps?.ToString(CultureInfo.InvariantCulture)}";
            if (m.Norm != "linf")
            {
                name += $" ({m.Norm})";
            }
            if (m.NegativeClass != 0 || m.PositiveClass != 1)
            {
                name += $" [{m.NegativeClass} vs {m.PositiveClass}]";
            }
            string runsText = m.Failed > 0 ? $"{m.Completed} (+{m.Failed} failed)" : m.Completed.ToString(CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(name), runsText, Percent(m.CleanAccuracy), Percent(m.AccuracyAt01), Percent(m.AccuracyAt02), Percent(m.AccuracyAt03), Eps(m.Eps50));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]mean ± std over seeds; eps50 = first attack eps where accuracy < 50%[/]");
    }

    private static string Percent(MeanStd v) => double.IsNaN(v.Mean) || v.Count == 0 ? "-" : $"{v.Mean * 100:0.00}±{v.Std * 100:0.00}";

    private static string Eps(MeanStd v) => double.IsNaN(v.Mean) || v.Count == 0 ? "-" : $"{v.Mean:0.000}±{v.Std:0.000}";
}
