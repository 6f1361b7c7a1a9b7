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
        var tally = new SummaryTally(tableEps);
        // The curve rows the table needs: for each completed run, the grid points of its table radii, in file order.
        var wanted = new List<(long Row, SummaryTally.Model Model, int Point, double Eps)>();
        long offset = 0;
        int parts;
        string runsName;
        await using (ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Runs, cancellationToken))
        {
            (parts, runsName) = (file.Files.Count, file.Name);
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var group = await file.OpenGroupAsync(g, cancellationToken);
                string[] keys = await file.StringsAsync(group, "run_key", cancellationToken), datasets = await file.StringsAsync(group, "dataset_name", cancellationToken);
                int[] negatives = await file.ValuesAsync<int>(group, "negative_class", cancellationToken), positives = await file.ValuesAsync<int>(group, "positive_class", cancellationToken);
                string[] modes = await file.StringsAsync(group, "mode", cancellationToken), norms = await file.StringsAsync(group, "norm", cancellationToken);
                string[] statuses = await file.StringsAsync(group, "status", cancellationToken);
                double?[] trainEps = await file.NullablesAsync<double>(group, "train_eps", cancellationToken);
                double?[] accuracies = await file.NullablesAsync<double>(group, "test_accuracy", cancellationToken), eps50s = await file.NullablesAsync<double>(group, "eps50", cancellationToken);
                int[] counts = await file.ValuesAsync<int>(group, "attack_eps_count", cancellationToken);
                double[] starts = await file.ValuesAsync<double>(group, "attack_eps_start", cancellationToken), stops = await file.ValuesAsync<double>(group, "attack_eps_stop", cancellationToken);
                for (int i = 0; i < keys.Length; i++)
                {
                    var run = new RunRow
                    {
                        RunKey = keys[i], DatasetName = datasets[i], NegativeClass = negatives[i], PositiveClass = positives[i], Mode = modes[i],
                        Norm = norms[i], TrainEps = trainEps[i], Status = statuses[i], TestAccuracy = accuracies[i], Eps50 = eps50s[i],
                        AttackEpsStart = starts[i], AttackEpsStop = stops[i], AttackEpsCount = counts[i],
                    };
                    if (run.Status != "completed")
                    {
                        tally.Add(run, 0);
                        continue;
                    }
                    var grid = new AttackGrid(starts[i], stops[i], counts[i]);
                    var points = new List<(long Row, double Eps)>();
                    foreach (double eps in TableRadii.For(grid, tableEps).Order())
                    {
                        if (TableRadii.IndexOf(grid, eps) is int index and >= 0)
                        {
                            points.Add((offset + index, eps));
                        }
                    }
                    (SummaryTally.Model model, int first) = tally.Add(run, points.Count);
                    for (int p = 0; p < points.Count; p++)
                    {
                        wanted.Add((points[p].Row, model, first + p, points[p].Eps));
                    }
                    offset += counts[i];
                }
            }
        }

        await using (ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Curves, cancellationToken, parts))
        {
            long first = 0;
            int next = 0;
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var group = await file.OpenGroupAsync(g, cancellationToken);
                long end = first + group.RowCount;
                if (next < wanted.Count && wanted[next].Row < end)
                {
                    double[] attackEps = await file.ValuesAsync<double>(group, "attack_eps", cancellationToken);
                    double[] accuracy = await file.ValuesAsync<double>(group, "robust_accuracy", cancellationToken);
                    for (; next < wanted.Count && wanted[next].Row < end; next++)
                    {
                        (long row, SummaryTally.Model model, int point, double eps) = wanted[next];
                        int i = (int)(row - first);
                        if (Math.Abs(attackEps[i] - eps) < 1e-9)
                        {
                            SummaryTally.SetPoint(model, point, attackEps[i], accuracy[i]);
                        }
                    }
                }
                first = end;
            }
            if (first != offset)
            {
                throw new InvalidDataException($"{file.Name} has {first} rows; the grids of {runsName}'s completed runs need {offset}.");
            }
        }
        return tally.Summaries();
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
            CurveRow[] points = run.Status == "completed" ? [.. byRun[run.RunKey]] : [];
            (SummaryTally.Model model, int first) = tally.Add(run, points.Length);
            for (int p = 0; p < points.Length; p++)
            {
                SummaryTally.SetPoint(model, first + p, points[p].AttackEps, points[p].RobustAccuracy);
            }
        }
        return tally.Summaries();
    }
}
