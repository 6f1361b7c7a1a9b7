using Parquet;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Results.Reading;
using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Reads runs.parquet for the report: every run's scalar columns, and the weights column apart, only for the runs
/// a figure shows (a run's weights are 784 floats; at 100,000 runs reading them all would be 300 MB for 20 stamps).
/// </summary>
internal static class RunTable
{
    /// <summary>The runs (without weights) and the sweep id.</summary>
    public static async Task<(string SweepId, List<ReportRun> Runs)> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepResultsWriter.Runs, cancellationToken);
        var runs = new List<ReportRun>();
        string sweepId = "";
        // Low-cardinality strings (mode, dataset, status...) are read once per row; one instance of each is kept.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Pooled(string s) => pool.TryGetValue(s, out string? kept) ? kept : pool[s] = s;
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = file.OpenGroup(g);
            int n = checked((int)group.RowCount);
            if (n == 0)
            {
                continue;
            }
            if (runs.Count == 0)
            {
                sweepId = (await file.StringsAsync(group, "sweep_id", cancellationToken))[0];
            }
            string[] keys = await file.StringsAsync(group, "run_key", cancellationToken);
            string[] datasetNames = await file.StringsAsync(group, "dataset_name", cancellationToken);
            string[] datasetHashes = await file.StringsAsync(group, "dataset_hash", cancellationToken);
            string[] datasetSources = await file.StringsAsync(group, "dataset_source", cancellationToken);
            int[] negatives = await file.ValuesAsync<int>(group, "negative_class", cancellationToken);
            int[] positives = await file.ValuesAsync<int>(group, "positive_class", cancellationToken);
            string[] modes = await file.StringsAsync(group, "mode", cancellationToken);
            string[] norms = await file.StringsAsync(group, "norm", cancellationToken);
            double?[] trainEps = await file.NullablesAsync<double>(group, "train_eps", cancellationToken);
            long[] seeds = await file.ValuesAsync<long>(group, "seed", cancellationToken);
            int[] epochs = await file.ValuesAsync<int>(group, "epochs", cancellationToken);
            double[] starts = await file.ValuesAsync<double>(group, "attack_eps_start", cancellationToken);
            double[] stops = await file.ValuesAsync<double>(group, "attack_eps_stop", cancellationToken);
            int[] counts = await file.ValuesAsync<int>(group, "attack_eps_count", cancellationToken);
            bool[] clips = await file.ValuesAsync<bool>(group, "clip", cancellationToken);
            string[] statuses = await file.StringsAsync(group, "status", cancellationToken);
            double?[] trainAccuracies = await file.NullablesAsync<double>(group, "train_accuracy", cancellationToken);
            double?[] testAccuracies = await file.NullablesAsync<double>(group, "test_accuracy", cancellationToken);
            double?[] eps50s = await file.NullablesAsync<double>(group, "eps50", cancellationToken);
            double?[] areas = await file.NullablesAsync<double>(group, "curve_area", cancellationToken);
            double?[] l1s = await file.NullablesAsync<double>(group, "weight_l1", cancellationToken);
            double?[] smalls = await file.NullablesAsync<double>(group, "small_weight_fraction", cancellationToken);
            var grids = new Dictionary<(double, double, int), AttackGrid>();
            for (int i = 0; i < n; i++)
            {
                var gridKey = (starts[i], stops[i], counts[i]);
                if (!grids.TryGetValue(gridKey, out AttackGrid? grid))
                {
                    grids[gridKey] = grid = new AttackGrid(starts[i], stops[i], counts[i]);
                }
                runs.Add(new ReportRun
                {
                    RunKey = keys[i], DatasetName = Pooled(datasetNames[i]), DatasetHash = Pooled(datasetHashes[i]), DatasetSource = Pooled(datasetSources[i]),
                    NegativeClass = negatives[i], PositiveClass = positives[i], Mode = EnumNames.Parse<TrainingMode>(modes[i]), Norm = EnumNames.Parse<ThreatNorm>(norms[i]),
                    TrainEps = trainEps[i], Seed = seeds[i], Epochs = epochs[i], AttackGrid = grid, Clip = clips[i], Status = Pooled(statuses[i]),
                    TrainAccuracy = trainAccuracies[i], TestAccuracy = testAccuracies[i], Eps50 = eps50s[i], CurveArea = areas[i],
                    WeightL1 = l1s[i], SmallWeightFraction = smalls[i],
                });
            }
        }
        return (sweepId, runs);
    }
}
