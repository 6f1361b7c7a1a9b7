using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Results.Reading;
using RobustGrid.Results.Writing;

namespace RobustGrid.Results;

/// <summary>One completed run as transfer.parquet names it (runs.parquet's scalar columns, without weights).</summary>
public sealed record TransferRun(string RunKey, int NegativeClass, int PositiveClass, string Norm, bool Clip, string Mode, double? TrainEps, long Seed, AttackGrid Grid);

/// <summary>
/// Writes transfer.parquet (docs/RESULTS-SCHEMA.md) from a finished sweep's runs.parquet: for every section (class
/// pair, norm, clip, attack grid) and seed, each completed run attacks every completed run of the same seed (itself
/// included: the white-box curve), and the same model at the next seed (cyclic over the model's completed seeds).
/// Memory stays bounded: runs.parquet's scalar columns are read for every run, but weights only for one batch of
/// seeds at a time (at most about <see cref="DefaultRunsPerBatch"/> runs and their cross-seed partners), each batch
/// in one pass over the weights column with row groups that hold none of its runs skipped. Rows are ordered by
/// section, seed, source model, target (the seed's models, then the cross-seed target) and eps index, so the same runs
/// give the same bytes. The file appears whole, under a hidden temporary name until it is complete.
/// </summary>
public static class TransferWriter
{
    public const string FileName = "transfer.parquet";

    /// <summary>Runs whose weights a batch holds (about 13 MB for 784-pixel runs).</summary>
    public const int DefaultRunsPerBatch = 4_096;

    public const string WhiteBox = "white_box", SameSeed = "same_seed", CrossSeed = "cross_seed";

    /// <summary>Writes the file; returns the number of (source, target) curves in it.</summary>
    /// <param name="testSplit">The test split of the task (negative class, positive class) on the sweep's dataset.</param>
    public static async Task<int> WriteAsync(string directory, Func<int, int, TaskSplit> testSplit, CancellationToken cancellationToken = default,
        int runsPerBatch = DefaultRunsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runsPerBatch);
        (string sweepId, List<TransferRun> runs) = await ReadRunsAsync(directory, cancellationToken);
        List<TransferGroup> groups = Plan(runs);
        int curves = 0;
        await using RowGroupFile file = RowGroupFile.Create<TransferRow>(directory, FileName, TransferFile.RowsPerGroup, cancellationToken);
        var rows = new TransferFile(file, sweepId);
        foreach (List<TransferGroup> batch in Batches(groups, runsPerBatch))
        {
            HashSet<string> wanted = [.. batch.SelectMany(g => g.Runs.Concat(g.Partners.OfType<TransferRun>())).Select(r => r.RunKey)];
            Dictionary<string, LinearModel> models = await RunWeights.ReadAsync(directory, wanted, cancellationToken);
            var results = new double[batch.Count][][][];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, b => results[b] = Compute(batch[b], models, testSplit));
            for (int b = 0; b < batch.Count; b++)
            {
                TransferGroup group = batch[b];
                double[] grid = group.Runs[0].Grid.Values();
                for (int s = 0; s < group.Runs.Length; s++)
                {
                    TransferRun source = group.Runs[s];
                    for (int t = 0; t < group.Runs.Length; t++)
                    {
                        await rows.AddAsync(source, group.Runs[t], s == t ? WhiteBox : SameSeed, grid, results[b][s][t]);
                        curves++;
                    }
                    if (group.Partners[s] is { } partner)
                    {
                        await rows.AddAsync(source, partner, CrossSeed, grid, results[b][s][group.Runs.Length]);
                        curves++;
                    }
                }
            }
        }
        await file.CommitAsync();
        return curves;
    }

    /// <summary>The completed runs of one section and seed, by model (regular first, robust by training eps), and each one's cross-seed target.</summary>
    internal sealed record TransferGroup(TransferRun[] Runs, TransferRun?[] Partners);

    /// <summary>Groups by section and seed, in the file's order; each run's partner is its model's next completed seed, cyclic (none with one seed).</summary>
    internal static List<TransferGroup> Plan(IReadOnlyList<TransferRun> runs)
    {
        var groups = new List<TransferGroup>();
        var sections = runs
            .GroupBy(r => (r.NegativeClass, r.PositiveClass, r.Norm, r.Clip, r.Grid))
            .OrderBy(s => s.Key.NegativeClass).ThenBy(s => s.Key.PositiveClass).ThenBy(s => s.Key.Norm, StringComparer.Ordinal).ThenBy(s => s.Key.Clip)
            .ThenBy(s => s.Key.Grid.Start).ThenBy(s => s.Key.Grid.Stop).ThenBy(s => s.Key.Grid.Count);
        foreach (var section in sections)
        {
            var partners = new Dictionary<string, TransferRun>(StringComparer.Ordinal);
            foreach (var model in section.GroupBy(r => (r.Mode, r.TrainEps)))
            {
                TransferRun[] bySeed = [.. model.OrderBy(r => r.Seed).ThenBy(r => r.RunKey, StringComparer.Ordinal)];
                for (int i = 0; bySeed.Length > 1 && i < bySeed.Length; i++)
                {
                    partners[bySeed[i].RunKey] = bySeed[(i + 1) % bySeed.Length];
                }
            }
            foreach (var seed in section.GroupBy(r => r.Seed).OrderBy(s => s.Key))
            {
                TransferRun[] ordered = [.. seed.OrderBy(r => r.Mode == "regular" ? 0 : 1).ThenBy(r => r.TrainEps ?? 0).ThenBy(r => r.RunKey, StringComparer.Ordinal)];
                groups.Add(new TransferGroup(ordered, [.. ordered.Select(r => partners.GetValueOrDefault(r.RunKey))]));
            }
        }
        return groups;
    }

    /// <summary>Consecutive groups whose runs and partners add up to about <paramref name="runsPerBatch"/> (at least one group each).</summary>
    internal static IEnumerable<List<TransferGroup>> Batches(IReadOnlyList<TransferGroup> groups, int runsPerBatch)
    {
        var batch = new List<TransferGroup>();
        int size = 0;
        foreach (TransferGroup group in groups)
        {
            int needs = group.Runs.Length + group.Partners.Count(p => p is not null);
            if (batch.Count > 0 && size + needs > runsPerBatch)
            {
                yield return batch;
                batch = [];
                size = 0;
            }
            batch.Add(group);
            size += needs;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>curves[s][t]: source s against target t of the group; t = the group's size is s's cross-seed partner.</summary>
    private static double[][][] Compute(TransferGroup group, Dictionary<string, LinearModel> models, Func<int, int, TaskSplit> testSplit)
    {
        TransferRun first = group.Runs[0];
        TaskSplit test = testSplit(first.NegativeClass, first.PositiveClass);
        ThreatNorm norm = Enum.Parse<ThreatNorm>(first.Norm, ignoreCase: true);
        double[] grid = first.Grid.Values();
        LinearModel[] own = [.. group.Runs.Select(r => Model(models, r))];
        double[][] margins = [.. own.Select(m => TransferAttack.Margins(m, test))];
        var curves = new double[own.Length][][];
        for (int s = 0; s < own.Length; s++)
        {
            var targets = new List<LinearModel>(own);
            var targetMargins = new List<double[]>(margins);
            if (group.Partners[s] is { } partner)
            {
                LinearModel p = Model(models, partner);
                targets.Add(p);
                targetMargins.Add(TransferAttack.Margins(p, test));
            }
            curves[s] = TransferAttack.Curves(own[s], targets, test, norm, grid, first.Clip, targetMargins);
        }
        return curves;
    }

    private static LinearModel Model(Dictionary<string, LinearModel> models, TransferRun run) =>
        models.TryGetValue(run.RunKey, out LinearModel? model) ? model : throw new InvalidDataException($"the runs table holds no weights for run {run.RunKey}.");

    /// <summary>runs.parquet's sweep id and its completed runs, from the scalar columns only.</summary>
    internal static async Task<(string SweepId, List<TransferRun> Runs)> ReadRunsAsync(string directory, CancellationToken cancellationToken)
    {
        var runs = new List<TransferRun>();
        string sweepId = "";
        await foreach (RunsRowGroup group in RunsRowGroup.ReadAsync(directory, cancellationToken))
        {
            sweepId = group.SweepId;
            for (int i = 0; i < group.Count; i++)
            {
                if (group.Statuses[i] == RunRow.CompletedStatus)
                {
                    runs.Add(new TransferRun(group.Keys[i], group.NegativeClasses[i], group.PositiveClasses[i], group.Norms[i], group.Clips[i], group.Modes[i],
                        group.TrainEps[i], group.Seeds[i], group.Grids[i]));
                }
            }
        }
        return (sweepId, runs);
    }
}
