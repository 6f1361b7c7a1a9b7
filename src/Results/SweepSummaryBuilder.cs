using RobustGrid.Core.Evaluation;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results;

/// <summary>
/// The per-model table of <see cref="SweepSummary"/>, built a pair of files at a time: a runs file and the curves file
/// of the same runs (a part of each table, or the single files of the earlier layout). <c>robustgrid results</c> adds
/// every part once; the dashboard adds each part once as it is committed, and asks for the table whenever it likes.
/// </summary>
public sealed class SweepSummaryBuilder(IReadOnlyList<double>? tableEps = null)
{
    private readonly SummaryTally _tally = new(tableEps);

    /// <summary>Pairs of files added so far.</summary>
    public int FilesAdded { get; private set; }

    /// <summary>The table of the runs added so far.</summary>
    public IReadOnlyList<ModelSummary> Summaries() => _tally.Summaries();

    /// <summary>
    /// Adds the runs of <paramref name="runsFiles"/> (read as one table, without weights), and of the curves of
    /// <paramref name="curvesFiles"/> (the same runs, in the same order) their accuracies at the table's radii
    /// (<see cref="TableRadii.For"/> of each run's grid), found by position (a completed run has one row per point of
    /// its grid, a failed run none) and checked against their attack_eps. Without a <paramref name="visitor"/> only the
    /// curves' row groups holding those points are read; with one, every point of every completed run goes to it.
    /// </summary>
    /// <exception cref="InvalidDataException">A file lacks a column, or the curves do not hold the runs' grids.</exception>
    public async Task AddAsync(string runsName, IReadOnlyList<string> runsFiles, string curvesName, IReadOnlyList<string> curvesFiles,
        ISweepRunVisitor? visitor = null, CancellationToken cancellationToken = default)
    {
        // The curve rows the table needs: for each completed run, the grid points of its table radii, in file order.
        var wanted = new List<(long Row, SummaryTally.Model Model, int Point, double Eps)>();
        // Each completed run's first curve row, for the visitor.
        var completed = new List<(long Row, int Count, RunRow Run)>();
        long offset = 0;
        await using (ParquetColumns file = await ParquetColumns.OpenFilesAsync(runsName, runsFiles, cancellationToken))
        {
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
                long[]? seeds = visitor is null ? null : await file.ValuesAsync<long>(group, "seed", cancellationToken);
                string[]? errors = visitor is null ? null : await file.StringsAsync(group, "error", cancellationToken);
                for (int i = 0; i < keys.Length; i++)
                {
                    var run = new RunRow
                    {
                        RunKey = keys[i], DatasetName = datasets[i], NegativeClass = negatives[i], PositiveClass = positives[i], Mode = modes[i],
                        Norm = norms[i], TrainEps = trainEps[i], Status = statuses[i], TestAccuracy = accuracies[i], Eps50 = eps50s[i],
                        AttackEpsStart = starts[i], AttackEpsStop = stops[i], AttackEpsCount = counts[i],
                        Seed = seeds?[i] ?? 0, Error = errors is null || errors[i].Length == 0 ? null : errors[i],
                    };
                    visitor?.Run(run);
                    if (run.Status != RunRow.CompletedStatus)
                    {
                        _tally.Add(run, 0);
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
                    (SummaryTally.Model model, int first) = _tally.Add(run, points.Count);
                    for (int p = 0; p < points.Count; p++)
                    {
                        wanted.Add((points[p].Row, model, first + p, points[p].Eps));
                    }
                    if (visitor is not null)
                    {
                        completed.Add((offset, counts[i], run));
                    }
                    offset += counts[i];
                }
            }
        }

        await using (ParquetColumns file = await ParquetColumns.OpenFilesAsync(curvesName, curvesFiles, cancellationToken))
        {
            long first = 0;
            int next = 0, run = 0;
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var group = await file.OpenGroupAsync(g, cancellationToken);
                long end = first + group.RowCount;
                if ((next < wanted.Count && wanted[next].Row < end) || (visitor is not null && run < completed.Count))
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
                    // A run's curve may continue into the next row group: its points are handed over as their rows come.
                    for (long row = first; visitor is not null && row < end; row++)
                    {
                        while (run < completed.Count && row >= completed[run].Row + completed[run].Count)
                        {
                            run++;
                        }
                        if (run == completed.Count)
                        {
                            break;
                        }
                        visitor.CurvePoint(completed[run].Run, (int)(row - completed[run].Row), attackEps[row - first], accuracy[row - first]);
                    }
                }
                first = end;
            }
            if (first != offset)
            {
                throw new InvalidDataException($"{file.Name} has {first} rows; the grids of {runsName}'s completed runs need {offset}.");
            }
        }
        FilesAdded++;
    }
}
