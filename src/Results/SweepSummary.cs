using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
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
        var runs = new List<RunRow>();
        var grids = new List<(int Count, double Start, double Stop)>();
        await using (ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepResultsWriter.Runs, cancellationToken))
        {
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var group = file.OpenGroup(g);
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
                    runs.Add(new RunRow
                    {
                        RunKey = keys[i], DatasetName = datasets[i], NegativeClass = negatives[i], PositiveClass = positives[i], Mode = modes[i],
                        Norm = norms[i], TrainEps = trainEps[i], Status = statuses[i], TestAccuracy = accuracies[i], Eps50 = eps50s[i],
                        AttackEpsStart = starts[i], AttackEpsStop = stops[i], AttackEpsCount = counts[i],
                    });
                    grids.Add((statuses[i] == "completed" ? counts[i] : 0, starts[i], stops[i]));
                }
            }
        }

        // The curve rows the table needs: for each completed run, the grid points of its table radii.
        var wanted = new List<(long Row, int Run, double Eps)>();
        long offset = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            (int count, double start, double stop) = grids[r];
            if (count == 0)
            {
                continue;
            }
            var grid = new AttackGrid(start, stop, count);
            foreach (double eps in TableRadii.For(grid, tableEps).Order())
            {
                if (TableRadii.IndexOf(grid, eps) is int g and >= 0)
                {
                    wanted.Add((offset + g, r, eps));
                }
            }
            offset += count;
        }
        var curves = new List<CurveRow>();
        await using (ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepResultsWriter.Curves, cancellationToken))
        {
            long first = 0;
            int next = 0;
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var group = file.OpenGroup(g);
                long end = first + group.RowCount;
                if (next < wanted.Count && wanted[next].Row < end)
                {
                    double[] attackEps = await file.ValuesAsync<double>(group, "attack_eps", cancellationToken);
                    double[] accuracy = await file.ValuesAsync<double>(group, "robust_accuracy", cancellationToken);
                    for (; next < wanted.Count && wanted[next].Row < end; next++)
                    {
                        (long row, int run, double eps) = wanted[next];
                        int i = (int)(row - first);
                        if (Math.Abs(attackEps[i] - eps) < 1e-9)
                        {
                            curves.Add(new CurveRow { RunKey = runs[run].RunKey, AttackEps = attackEps[i], RobustAccuracy = accuracy[i] });
                        }
                    }
                }
                first = end;
            }
            if (first != offset)
            {
                throw new InvalidDataException($"{SweepResultsWriter.Curves} has {first} rows; the grids of runs.parquet's completed runs need {offset}.");
            }
        }
        return Compute(runs, curves, tableEps);
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
        return runs
            .GroupBy(r => (r.DatasetName, r.NegativeClass, r.PositiveClass, Norm: EnumNames.Parse<ThreatNorm>(r.Norm), Model: ModelKey.Of(r.Mode, r.TrainEps)))
            .OrderBy(g => g.Key.DatasetName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.NegativeClass).ThenBy(g => g.Key.PositiveClass)
            .ThenBy(g => g.Key.Model.Mode)
            .ThenBy(g => EnumNames.Name(g.Key.Norm), StringComparer.Ordinal)
            .ThenBy(g => g.Key.Model)
            .Select(g =>
            {
                var done = g.Where(r => r.Status == "completed").ToList();
                RunRow reference = done.FirstOrDefault() ?? g.First();
                double[] radii = TableRadii.For(new AttackGrid(reference.AttackEpsStart, reference.AttackEpsStop, reference.AttackEpsCount), tableEps);
                double At(RunRow r, double eps) => byRun[r.RunKey].FirstOrDefault(c => Math.Abs(c.AttackEps - eps) < 1e-9)?.RobustAccuracy ?? double.NaN;
                MeanStd AccuracyAt(double eps) => done.Select(r => At(r, eps)).Any(double.IsNaN) ? new MeanStd(double.NaN, double.NaN, 0) : MeanStd.Of(done.Select(r => At(r, eps)));
                return new ModelSummary(
                    g.Key.DatasetName, g.Key.NegativeClass, g.Key.PositiveClass, g.Key.Norm, g.Key.Model,
                    done.Count, g.Count() - done.Count,
                    MeanStd.Of(done.Select(r => r.TestAccuracy ?? double.NaN)),
                    radii, [.. radii.Select(AccuracyAt)],
                    MeanStd.Of(done.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)));
            })
            .ToList();
    }
}
