using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Results;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>The per-model table of a sweep, mean +/- std over seeds, read from its Parquet files.</summary>
public static class SweepSummaryTable
{
    /// <param name="tableEps">The attack radii to show accuracy at; null for three evenly placed radii of each model's grid (<see cref="TableRadii.For"/>).</param>
    public static async Task PrintAsync(string directory, CancellationToken cancellationToken, IReadOnlyList<double>? tableEps = null)
    {
        IReadOnlyList<ModelSummary> models = await SweepSummary.ReadAsync(directory, tableEps, cancellationToken);
        // Models on other grids (an L2 next to an L-infinity grid) get radii of their own: one table per set of radii.
        foreach (var group in models.GroupBy(m => string.Join(",", m.TableEps.Select(e => e.ToString("R", CultureInfo.InvariantCulture)))))
        {
            IReadOnlyList<double> radii = group.First().TableEps;
            var table = new Table()
                .AddColumn("model")
                .AddColumn(new TableColumn("runs").RightAligned())
                .AddColumn(new TableColumn("clean acc %").RightAligned());
            foreach (double eps in radii)
            {
                table.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"acc @{eps:0.###} %")).RightAligned());
            }
            table.AddColumn(new TableColumn("eps50").RightAligned());
            foreach (ModelSummary m in group)
            {
                string name = m.Model.Label;
                if (m.Norm != ThreatNorm.Linf)
                {
                    name += $" ({EnumNames.Name(m.Norm)})";
                }
                if (m.NegativeClass != 0 || m.PositiveClass != 1)
                {
                    name += $" [{m.NegativeClass} vs {m.PositiveClass}]";
                }
                string runsText = m.Failed > 0 ? $"{m.Completed} (+{m.Failed} failed)" : m.Completed.ToString(CultureInfo.InvariantCulture);
                table.AddRow([Markup.Escape(name), runsText, Percent(m.CleanAccuracy), .. m.AccuracyAt.Select(Percent), Eps(m.Eps50)]);
            }
            AnsiConsole.Write(table);
        }
        AnsiConsole.MarkupLine(tableEps is null
            ? "[grey]mean ± std over seeds; accuracy under attack at the grid points nearest 20%, 40% and 60% of the attack grid (--table-eps to choose); eps50 = first attack eps where accuracy < 50%[/]"
            : "[grey]mean ± std over seeds; accuracy under attack at the grid points nearest --table-eps ('-' when off the grid); eps50 = first attack eps where accuracy < 50%[/]");
    }

    private static string Percent(MeanStd v) => double.IsNaN(v.Mean) || v.Count == 0 ? "-" : $"{v.Mean * 100:0.00}±{v.Std * 100:0.00}";

    private static string Eps(MeanStd v) => double.IsNaN(v.Mean) || v.Count == 0 ? "-" : $"{v.Mean:0.000}±{v.Std:0.000}";
}
