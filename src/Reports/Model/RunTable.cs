using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Results.Reading;

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
        var runs = new List<ReportRun>();
        string sweepId = "";
        await foreach (RunsRowGroup group in RunsRowGroup.ReadAsync(directory, cancellationToken))
        {
            sweepId = group.SweepId;
            string[] datasetNames = await group.StringsAsync("dataset_name");
            string[] datasetHashes = await group.StringsAsync("dataset_hash");
            string[] datasetSources = await group.StringsAsync("dataset_source");
            int[] epochs = await group.ValuesAsync<int>("epochs");
            double?[] trainAccuracies = await group.NullablesAsync<double>("train_accuracy");
            double?[] testAccuracies = await group.NullablesAsync<double>("test_accuracy");
            double?[] eps50s = await group.NullablesAsync<double>("eps50");
            double?[] areas = await group.NullablesAsync<double>("curve_area");
            double?[] l1s = await group.NullablesAsync<double>("weight_l1");
            double?[] smalls = await group.NullablesAsync<double>("small_weight_fraction");
            for (int i = 0; i < group.Count; i++)
            {
                runs.Add(new ReportRun
                {
                    RunKey = group.Keys[i], DatasetName = group.Pooled(datasetNames[i]), DatasetHash = group.Pooled(datasetHashes[i]), DatasetSource = group.Pooled(datasetSources[i]),
                    NegativeClass = group.NegativeClasses[i], PositiveClass = group.PositiveClasses[i], Mode = EnumNames.Parse<TrainingMode>(group.Modes[i]),
                    Norm = EnumNames.Parse<ThreatNorm>(group.Norms[i]), TrainEps = group.TrainEps[i], Seed = group.Seeds[i], Epochs = epochs[i], AttackGrid = group.Grids[i],
                    Clip = group.Clips[i], Status = group.Statuses[i], TrainAccuracy = trainAccuracies[i], TestAccuracy = testAccuracies[i], Eps50 = eps50s[i],
                    CurveArea = areas[i], WeightL1 = l1s[i], SmallWeightFraction = smalls[i],
                });
            }
        }
        return (sweepId, runs);
    }
}
