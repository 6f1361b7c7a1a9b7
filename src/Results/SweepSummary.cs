using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results;

/// <summary>The per-model table of a sweep: mean and std over seeds of the headline numbers.</summary>
public static class SweepSummary
{
    /// <summary>
    /// The table of a sweep directory, read column by column: runs.parquet without its weights, and of curves.parquet
    /// only its accuracies at the table's radii (<see cref="TableRadii.For"/> of each run's grid and
    /// <paramref name="tableEps"/>), found by position (rows are in run-key order, a completed run
    /// has one row per point of its grid, a failed run none) and checked against their attack_eps. So memory grows
    /// with the runs' few scalars, and no string is read from the curves.
    /// </summary>
    /// <exception cref="InvalidDataException">A file lacks a column, or curves.parquet does not hold the runs' grids.</exception>
    public static async Task<IReadOnlyList<ModelSummary>> ReadAsync(string directory, IReadOnlyList<double>? tableEps = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> runs = TableFiles.Of(directory, SweepTables.Runs);
        // As many curves files as runs files: a part committed in between is left out of both.
        IReadOnlyList<string> curves = [.. TableFiles.Of(directory, SweepTables.Curves).Take(runs.Count)];
        var builder = new SweepSummaryBuilder(tableEps);
        await builder.AddAsync(ParquetColumns.NameOf(SweepTables.Runs, runs), runs, ParquetColumns.NameOf(SweepTables.Curves, curves), curves, null, cancellationToken);
        return builder.Summaries();
    }

    /// <summary>
    /// Groups runs by (dataset, pair, mode, norm, train eps); regular first, then robust by norm and eps. A model's
    /// table radii are <see cref="TableRadii.For"/> the grid of its first completed run (first run if none) and
    /// <paramref name="tableEps"/>. Accuracy at eps e is the curve point within 1e-9 of e (NaN mean if the grid lacks it); runs whose curve
    /// never falls below 50% are left out of the eps50 mean (its Count says how many had one).
    /// </summary>
    public static IReadOnlyList<ModelSummary> Compute(IReadOnlyList<RunRow> runs, IReadOnlyList<CurveRow> curves, IReadOnlyList<double>? tableEps = null)
    {
        ILookup<string, CurveRow> byRun = curves.ToLookup(c => c.RunKey);
        var tally = new SummaryTally(tableEps);
        foreach (RunRow run in runs)
        {
            CurveRow[] points = run.Status == RunRow.CompletedStatus ? [.. byRun[run.RunKey]] : [];
            (SummaryTally.Model model, int first) = tally.Add(run, points.Length);
            for (int p = 0; p < points.Length; p++)
            {
                SummaryTally.SetPoint(model, first + p, points[p].AttackEps, points[p].RobustAccuracy);
            }
        }
        return tally.Summaries();
    }
}
