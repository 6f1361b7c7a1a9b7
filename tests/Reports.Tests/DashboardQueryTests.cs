using System.Text.RegularExpressions;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Reports.Tests;

/// <summary>Runs every query of docs/DASHBOARDS.md, exactly as written, on a real sweep's files and checks its answers.</summary>
public sealed partial class DashboardQueryTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    private const double Eps = 0.1;

    private static readonly Dictionary<string, string> _queries = ReadQueries();

    [Fact]
    public void The_doc_has_the_five_queries() =>
        Assert.Equal(["attacked-accuracy", "eps50", "failed-runs", "fooled-images", "transfer-matrix", "wipe-out", "worst-seed"], _queries.Keys.Order());

    [Fact]
    public async Task The_wipe_out_per_epoch_is_the_mean_over_seeds_of_the_recorded_quantiles()
    {
        var rows = Run("wipe-out");
        var models = Completed().GroupBy(r => (r.Spec.Mode, r.Spec.Eps)).ToList();
        Assert.Equal(models.Count * 10, rows.Count);
        foreach (var model in models)
        {
            foreach (int epoch in Enumerable.Range(1, 10))
            {
                var row = rows.Single(x => Matches(x, model.Key.Mode, model.Key.Eps) && (int)x["epoch"]! == epoch);
                EpochRecord[] at = [.. model.Select(r => r.Epochs[epoch - 1])];
                Assert.Equal((long)at.Length, row["seeds"]);
                Assert.Equal(at.Average(e => (double)e.WeightAbsQuantiles[10]), (double)row["mean_median_abs_weight"]!, 9);
                Assert.Equal(at.Average(e => (double)e.WeightAbsQuantiles[5]), (double)row["mean_q25_abs_weight"]!, 9);
            }
        }
    }

    [Fact]
    public async Task The_transfer_matrix_is_the_mean_over_seeds_with_the_white_box_curve_on_its_diagonal()
    {
        var rows = Run("transfer-matrix");
        var models = Completed().GroupBy(r => (r.Spec.Mode, r.Spec.Eps)).ToList();
        Assert.Equal(models.Count * models.Count, rows.Count);
        foreach (var source in models)
        {
            foreach (var target in models)
            {
                var row = rows.Single(x => Matches(x, "source_", source.Key.Mode, source.Key.Eps) && Matches(x, "target_", target.Key.Mode, target.Key.Eps));
                Assert.Equal((long)source.Count(), row["seeds"]);
                if (source.Key == target.Key)
                {
                    Assert.Equal(source.Average(r => r.CurveAccuracy[Index(r, Eps)]), (double)row["mean_accuracy"]!, 12);
                }
                else
                {
                    Assert.InRange((double)row["mean_accuracy"]!, 0, 1);
                }
            }
        }
        // An attack made against another model fools a target less than the target's own attack (for these linear models).
        foreach (var target in models)
        {
            double whiteBox = (double)rows.Single(x => Matches(x, "source_", target.Key.Mode, target.Key.Eps) && Matches(x, "target_", target.Key.Mode, target.Key.Eps))["mean_accuracy"]!;
            Assert.All(rows.Where(x => Matches(x, "target_", target.Key.Mode, target.Key.Eps)), x => Assert.True((double)x["mean_accuracy"]! >= whiteBox));
        }
    }

    [Fact]
    public void Attacked_accuracy_per_model_is_the_mean_and_std_over_seeds()
    {
        var rows = Run("attacked-accuracy");
        var models = Completed().GroupBy(r => (r.Spec.Mode, r.Spec.Eps)).ToList();
        Assert.Equal(models.Count, rows.Count);
        foreach (var model in models)
        {
            double[] at = [.. model.Select(r => r.CurveAccuracy[Index(r, Eps)])];
            var row = rows.Single(x => Matches(x, model.Key.Mode, model.Key.Eps));
            Assert.Equal((long)at.Length, row["seeds"]);
            Assert.Equal(at.Average(), (double)row["mean_accuracy"]!, 12);
            Assert.Equal(Std(at), (double)row["std_accuracy"]!, 12);
        }
    }

    [Fact]
    public void Eps50_per_model_counts_the_seeds_that_never_fall_below_half()
    {
        var rows = Run("eps50");
        foreach (var model in Completed().GroupBy(r => (r.Spec.Mode, r.Spec.Eps)))
        {
            double[] eps50 = [.. model.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)];
            var row = rows.Single(x => Matches(x, model.Key.Mode, model.Key.Eps));
            Assert.Equal((long)eps50.Length, row["seeds_with_eps50"]);
            Assert.Equal((long)(model.Count() - eps50.Length), row["seeds_never_below_half"]);
            Assert.Equal(eps50.Average(), (double)row["mean_eps50"]!, 12);
        }
    }

    [Fact]
    public void The_worst_seed_is_the_one_with_the_lowest_attacked_accuracy()
    {
        var rows = Run("worst-seed");
        foreach (var model in Completed().GroupBy(r => (r.Spec.Mode, r.Spec.Eps)))
        {
            RunRecord worst = model.OrderBy(r => r.CurveAccuracy[Index(r, Eps)]).ThenBy(r => r.Spec.Seed).First();
            var row = rows.Single(x => Matches(x, model.Key.Mode, model.Key.Eps));
            Assert.Equal(worst.Spec.Seed, row["worst_seed"]);
            Assert.Equal(worst.CurveAccuracy[Index(worst, Eps)], (double)row["worst_accuracy"]!, 12);
        }
    }

    [Fact]
    public void Failed_runs_are_listed_with_their_error()
    {
        var rows = Run("failed-runs");
        RunRecord failed = Assert.Single(sweep.Records, r => r.Status == RunStatus.Failed);
        var row = Assert.Single(rows);
        Assert.Equal(failed.RunKey, row["run_key"]);
        Assert.Equal(failed.Error, row["error"]);
        Assert.Equal(failed.Spec.Seed, row["seed"]);
        Assert.Equal(3, row["attempts"]);
    }

    [Fact]
    public void Each_fooled_sample_joins_to_its_image_in_the_dataset()
    {
        var rows = Run("fooled-images");
        Dataset dataset = DatasetLoader.LoadEmbedded();
        var expected = Completed()
            .SelectMany(r => r.Misclassified.Where(m => m.Rank == 0 && m.EpsIndex == Index(r, Eps)).Select(m => (r.RunKey, m.TestIndex)))
            .OrderBy(x => x.RunKey, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(x => x.RunKey), rows.Select(r => (string)r["run_key"]!));
        foreach (var (row, (_, testIndex)) in rows.Zip(expected))
        {
            int sampleIndex = (int)row["sample_index"]!;
            Assert.Equal(sweep.BinaryTask.Test.SourceIndices[testIndex], sampleIndex);
            Assert.Equal(dataset.Test.Row(sampleIndex).ToArray(), (byte[])row["image"]!);
            Assert.Equal((int)dataset.Test.Labels[sampleIndex], (int)row["class"]!);
            Assert.Equal((dataset.Test.Rows, dataset.Test.Columns), ((int)row["image_rows"]!, (int)row["image_columns"]!));
            Assert.Equal(dataset.Test.Labels[sampleIndex] == sweep.BinaryTask.PositiveClass ? 1 : -1, (int)row["label"]!);
        }
    }

    private IEnumerable<RunRecord> Completed() => sweep.Records.Where(r => r.Status == RunStatus.Completed);

    private static bool Matches(Dictionary<string, object?> row, RobustGrid.Core.Training.TrainingMode mode, double eps) =>
        (string)row["mode"]! == mode.ToString().ToLowerInvariant()
        && (mode == RobustGrid.Core.Training.TrainingMode.Regular ? row["train_eps"] is null : Math.Abs((double)row["train_eps"]! - eps) < 1e-12);

    private static bool Matches(Dictionary<string, object?> row, string prefix, RobustGrid.Core.Training.TrainingMode mode, double eps) =>
        (string)row[prefix + "mode"]! == mode.ToString().ToLowerInvariant()
        && (mode == RobustGrid.Core.Training.TrainingMode.Regular ? row[prefix + "train_eps"] is null : Math.Abs((double)row[prefix + "train_eps"]! - eps) < 1e-12);

    private static int Index(RunRecord r, double eps) => Array.FindIndex(r.CurveEps, e => Math.Abs(e - eps) < 1e-9);

    private static double Std(double[] v) => Math.Sqrt(v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Length - 1));

    /// <summary>A query of the doc, after the doc's setup block with the directory of this sweep's parts and the test's eps.</summary>
    private List<Dictionary<string, object?>> Run(string name) =>
        DuckDb.Records(_queries[name], $"SET VARIABLE sweep = '{Parts.Value}'; SET VARIABLE eps = {Eps.ToString(System.Globalization.CultureInfo.InvariantCulture)};");

    /// <summary>The fixture's sweep in the layout a sweep writes now, committed parts (the fixture keeps the earlier single files), with its transfer.parquet.</summary>
    private Lazy<string> Parts => _parts ??= new Lazy<string>(() =>
    {
        string directory = Path.Combine(sweep.Root, "dashboard-parts");
        var tasks = new RobustGrid.Grains.Data.TaskCache();
        Results.SweepResultsWriter.WriteAsync(directory, StudySweepFixture.SweepId, sweep.Records,
            (run, i) => tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i)).GetAwaiter().GetResult();
        File.Copy(Path.Combine(sweep.SweepDirectory, Results.TransferWriter.FileName), Path.Combine(directory, Results.TransferWriter.FileName));
        return directory;
    });

    private static Lazy<string>? _parts;

    private static Dictionary<string, string> ReadQueries()
    {
        string doc = File.ReadAllText(Repository.Path("docs", "DASHBOARDS.md"));
        Assert.Contains("-- setup\nSET VARIABLE sweep = ", doc);
        return SqlBlock().Matches(doc)
            .Where(m => m.Groups[1].Value.StartsWith("-- query: ", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups[1].Value.Split('\n')[0]["-- query: ".Length..].Trim(), m => m.Groups[1].Value);
    }

    [GeneratedRegex("```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
