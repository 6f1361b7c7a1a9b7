using RobustGrid.Results.Reading;

namespace RobustGrid.Results;

/// <summary>The per-model table of a sweep: mean and std over seeds of the headline numbers.</summary>
public static class SweepSummary
{
    /// <summary>The attack radii the table shows accuracy at.</summary>
    public static IReadOnlyList<double> TableEps { get; } = [0.1, 0.2, 0.3];

    /// <summary>
    /// The table of a sweep directory, read column by column: runs.parquet without its weights, and of curves.parquet
    /// only the rows at <see cref="TableEps"/>, so memory grows with the runs' few scalars, not with the files' rows.
    /// </summary>
    public static async Task<IReadOnlyList<ModelSummary>> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var runs = new List<RunRow>();
        await RowGroupColumns.ForEachGroupAsync(Path.Combine(directory, SweepResultsWriter.Runs), async group =>
        {
            string[] keys = await group.StringsAsync("run_key"), datasets = await group.StringsAsync("dataset_name");
            int[] negatives = await group.ValuesAsync<int>("negative_class"), positives = await group.ValuesAsync<int>("positive_class");
            string[] modes = await group.StringsAsync("mode"), norms = await group.StringsAsync("norm"), statuses = await group.StringsAsync("status");
            double?[] trainEps = await group.NullablesAsync<double>("train_eps");
            double?[] accuracies = await group.NullablesAsync<double>("test_accuracy"), eps50s = await group.NullablesAsync<double>("eps50");
            for (int i = 0; i < group.Count; i++)
            {
                runs.Add(new RunRow
                {
                    RunKey = keys[i], DatasetName = datasets[i], NegativeClass = negatives[i], PositiveClass = positives[i], Mode = modes[i],
                    Norm = norms[i], TrainEps = trainEps[i], Status = statuses[i], TestAccuracy = accuracies[i], Eps50 = eps50s[i],
                });
            }
        }, cancellationToken);
        var curves = new List<CurveRow>();
        await RowGroupColumns.ForEachGroupAsync(Path.Combine(directory, SweepResultsWriter.Curves), async group =>
        {
            double[] attackEps = await group.ValuesAsync<double>("attack_eps");
            int[] rows = [.. Enumerable.Range(0, group.Count).Where(i => TableEps.Any(e => Math.Abs(attackEps[i] - e) < 1e-9))];
            if (rows.Length == 0)
            {
                return;
            }
            string[] keys = await group.StringsAsync("run_key");
            double[] accuracy = await group.ValuesAsync<double>("robust_accuracy");
            curves.AddRange(rows.Select(i => new CurveRow { RunKey = keys[i], AttackEps = attackEps[i], RobustAccuracy = accuracy[i] }));
        }, cancellationToken);
        return Compute(runs, curves);
    }

    /// <summary>
    /// Groups runs by (dataset, pair, mode, norm, train eps); regular first, then robust by norm and eps.
    /// Accuracy at eps e is the curve point within 1e-9 of e (NaN mean if the grid lacks it); runs whose curve
    /// never falls below 50% are left out of the eps50 mean (its Count says how many had one).
    /// </summary>
    public static IReadOnlyList<ModelSummary> Compute(IReadOnlyList<RunRow> runs, IReadOnlyList<CurveRow> curves)
    {
        ILookup<string, CurveRow> byRun = curves.ToLookup(c => c.RunKey);
        return runs
            .GroupBy(r => (r.DatasetName, r.NegativeClass, r.PositiveClass, r.Mode, r.Norm, r.TrainEps))
            .OrderBy(g => g.Key.DatasetName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.NegativeClass).ThenBy(g => g.Key.PositiveClass)
            .ThenBy(g => g.Key.Mode == "regular" ? 0 : 1)
            .ThenBy(g => g.Key.Norm, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TrainEps ?? 0)
            .Select(g =>
            {
                var done = g.Where(r => r.Status == "completed").ToList();
                double At(RunRow r, double eps) => byRun[r.RunKey].FirstOrDefault(c => Math.Abs(c.AttackEps - eps) < 1e-9)?.RobustAccuracy ?? double.NaN;
                MeanStd AccuracyAt(double eps) => done.Select(r => At(r, eps)).Any(double.IsNaN) ? new MeanStd(double.NaN, double.NaN, 0) : MeanStd.Of(done.Select(r => At(r, eps)));
                return new ModelSummary(
                    g.Key.DatasetName, g.Key.NegativeClass, g.Key.PositiveClass, g.Key.Mode, g.Key.Norm, g.Key.TrainEps,
                    done.Count, g.Count() - done.Count,
                    MeanStd.Of(done.Select(r => r.TestAccuracy ?? double.NaN)),
                    AccuracyAt(TableEps[0]), AccuracyAt(TableEps[1]), AccuracyAt(TableEps[2]),
                    MeanStd.Of(done.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)));
            })
            .ToList();
    }
}
