using RobustGrid.Results.Layout;
using System.Text.RegularExpressions;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Core.Evaluation;

namespace RobustGrid.Results.Tests;

[Trait("Category", "Unit")]
public sealed class SweepResultsTests : IDisposable
{
    private readonly TempDirectory _dir = new("results");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Round_trip_keeps_every_column()
    {
        IReadOnlyList<RunRecord> runs = SampleRuns.Sweep();
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", runs, SampleRuns.Sample);

        var read = (await SweepResultsReader.ReadRunsAsync(_dir.Path)).ToDictionary(r => r.RunKey);
        Assert.Equal(4, read.Count);
        RunRecord regular = runs[0];
        RunRow row = read[regular.RunKey];
        Assert.Equal(("s1", "mnist-embedded", new string('a', 64), "embedded", 0, 1), (row.SweepId, row.DatasetName, row.DatasetHash, row.DatasetSource, row.NegativeClass, row.PositiveClass));
        Assert.Equal(("regular", "linf", (double?)null, 1L, 10, 100, 0.1f, "mean", false), (row.Mode, row.Norm, row.TrainEps, row.Seed, row.Epochs, row.BatchSize, row.LearningRate, row.Reduction, row.Shuffle));
        Assert.Equal((0.0, 0.2, 3, false, 2), (row.AttackEpsStart, row.AttackEpsStop, row.AttackEpsCount, row.Clip, row.ClosestCount));
        Assert.Equal(("completed", (string?)null, 1, "S127.0.0.1:11111:1", 1.25), (row.Status, row.Error, row.Attempts, row.Silo, row.DurationSeconds));
        Assert.Equal((0.99, 1.0, 0.1, 0.1, 12.5, 0.75, -0.5f), (row.TrainAccuracy!.Value, row.TestAccuracy!.Value, row.Eps50!.Value, row.CurveArea!.Value, row.WeightL1!.Value, row.SmallWeightFraction!.Value, row.Bias!.Value));
        Assert.Equal(regular.Weights, row.Weights);

        RunRow robust = read[runs[2].RunKey];
        Assert.Equal(0.1, robust.TrainEps);
        Assert.Null(robust.Eps50);
        RunRow failed = read[runs[3].RunKey];
        Assert.Equal(("failed", "boom", 3), (failed.Status, failed.Error, failed.Attempts));
        Assert.Null(failed.TestAccuracy);
        Assert.Null(failed.Bias);
        Assert.Empty(failed.Weights);

        var curves = await SweepResultsReader.ReadCurvesAsync(_dir.Path);
        Assert.Equal(9, curves.Count);
        CurveRow c = curves.Single(r => r.RunKey == regular.RunKey && r.EpsIndex == 1);
        Assert.Equal((0.1, 0.4, 2, "regular"), (c.AttackEps, c.RobustAccuracy, c.MisclassifiedCount, c.Mode));

        var epochs = await SweepResultsReader.ReadEpochsAsync(_dir.Path);
        Assert.Equal(6, epochs.Count);
        EpochRow e = epochs.Single(r => r.RunKey == regular.RunKey && r.Epoch == 2);
        Assert.Equal((0.3, 0.2, 0.95, 0.96), (e.TrainLoss, e.TestLoss, e.TrainAccuracy, e.TestAccuracy));
        Assert.Equal([.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => q * 0.1f)], e.WeightAbsQuantiles);
        Assert.Empty(epochs.Single(r => r.RunKey == regular.RunKey && r.Epoch == 1).WeightAbsQuantiles);

        var misclassified = await SweepResultsReader.ReadMisclassifiedAsync(_dir.Path);
        Assert.Equal(9, misclassified.Count);
        MisclassifiedRow m = misclassified.Single(r => r.RunKey == regular.RunKey && r.EpsIndex == 1 && r.Rank == 1);
        Assert.Equal((102, 1, 0.02f, 0.1, new string('a', 64)), (m.SampleIndex, m.Label, m.Logit, m.AttackEps, m.DatasetHash));

        var samples = await SweepResultsReader.ReadSamplesAsync(_dir.Path);
        Assert.Equal([102, 103, 104], samples.Select(s => s.SampleIndex));
        SampleRow sample = samples.Single(s => s.SampleIndex == m.SampleIndex);
        Assert.Equal((new string('a', 64), 1, 2, 3), (sample.DatasetHash, sample.Class, sample.ImageRows, sample.ImageColumns));
        Assert.Equal(new byte[] { 20, 21, 22, 23, 24, 25 }, sample.Image);
    }

    [Fact]
    public async Task DuckDB_reads_the_documented_types_counts_and_unique_keys()
    {
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", SampleRuns.Sweep(), SampleRuns.Sample);
        // Two seeds of regular and one of robust eps 0.1: seed 1 compares both models (4 curves), seed 2 has regular alone (1),
        // and regular attacks itself across the seeds both ways (2).
        int curves = await TransferWriter.WriteAsync(_dir.Path, (_, _) => new RobustGrid.Core.Data.TaskSplit(6, [0, 50, 100, 150, 200, 250, 250, 200, 150, 100, 50, 0], [1, -1], [0, 1]));
        Assert.Equal(7, curves);
        long transferRows = DuckDb.Scalar($"select count(*) from {File("transfer")}");
        Assert.Equal(transferRows, DuckDb.Scalar($"select count(distinct (source_run_key, target_run_key, eps_index)) from {File("transfer")}"));
        Assert.Equal(2L, DuckDb.Scalar($"select count(*) from {File("transfer")} where relation = 'cross_seed' and eps_index = 0"));

        Assert.Equal(4L, DuckDb.Scalar($"select count(*) from {File("runs")}"));
        Assert.Equal(9L, DuckDb.Scalar($"select count(distinct (run_key, eps_index)) from {File("curves")}"));
        Assert.Equal(6L, DuckDb.Scalar($"select count(distinct (run_key, epoch)) from {File("epochs")}"));
        Assert.Equal(9L, DuckDb.Scalar($"select count(distinct (run_key, eps_index, rank)) from {File("misclassified")}"));
        Assert.Equal(2L, DuckDb.Scalar($"select count(*) from {File("runs")} where train_eps is null"));
        Assert.Equal(1L, DuckDb.Scalar($"select count(*) from {File("runs")} where test_accuracy is null and status = 'failed'"));
        Assert.Equal(3L, DuckDb.Scalar($"select count(*) from {File("samples")}"));
        Assert.Equal(6L, DuckDb.Scalar($"select min(octet_length(image)) from {File("samples")}"));
        Assert.Equal(9L, DuckDb.Scalar($"select count(*) from {File("misclassified")} m join {File("samples")} s using (dataset_hash, sample_index)"));

        // Every file written has its section, and every section a file: a renamed or missing heading fails here.
        var sections = DocumentedColumns().ToDictionary(s => s.File, s => s.Columns);
        string[] written = [.. SweepTables.All.Where(t => SweepTables.Exists(_dir.Path, t)).Append("transfer").Order(StringComparer.Ordinal)];
        Assert.True(System.IO.File.Exists(Path.Combine(_dir.Path, TransferWriter.FileName)));
        Assert.Equal(["curves", "epochs", "misclassified", "runs", "samples", "transfer"], written);
        Assert.Equal(written, sections.Keys.Order(StringComparer.Ordinal));
        foreach (string file in written)
        {
            Dictionary<string, string> documented = sections[file];
            var actual = DuckDb.Describe(File(file));
            Assert.True(documented.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Keys.Order(StringComparer.Ordinal)),
                $"{file}.parquet: columns written but not in docs/RESULTS-SCHEMA.md: [{string.Join(", ", actual.Keys.Except(documented.Keys))}]; documented but not written: [{string.Join(", ", documented.Keys.Except(actual.Keys))}]");
            foreach ((string column, string type) in actual)
            {
                Assert.True(TypeMatches(documented[column], type), $"{file}.{column}: DuckDB reads {type}, the doc says {documented[column]}");
            }
        }
    }

    [Fact]
    public async Task Strings_repeated_down_a_file_are_dictionary_encoded()
    {
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", SampleRuns.Sweep(), SampleRuns.Sample);
        // Parquet.Net 6 dictionary-encodes only the columns it is asked to; plain strings cost a copy of every value (a
        // 64-character hash on each misclassified row) before compression, and readers decode each one.
        (string File, string[] Columns)[] repeated =
        [
            ("runs", ["sweep_id", "dataset_name", "dataset_hash", "mode", "norm", "reduction", "status"]),
            ("curves", ["sweep_id", "run_key", "mode", "norm"]),
            ("epochs", ["sweep_id", "run_key", "mode", "norm"]),
            ("misclassified", ["sweep_id", "run_key", "mode", "norm", "dataset_hash"]),
            ("samples", ["dataset_hash"]),
        ];
        foreach ((string file, string[] columns) in repeated)
        {
            string path = SweepTables.PartPath(_dir.Path, file, 0).Replace("'", "''");
            foreach (string column in columns)
            {
                List<string> encodings = DuckDb.Column<string>($"select encodings from parquet_metadata('{path}') where path_in_schema = '{column}'");
                Assert.NotEmpty(encodings);
                Assert.All(encodings, e => Assert.Contains("DICTIONARY", e));
            }
        }
    }

    [Fact]
    public async Task Writing_twice_gives_byte_identical_files()
    {
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", SampleRuns.Sweep(), SampleRuns.Sample);
        var first = Directory.GetFiles(_dir.Path, "*.parquet", SearchOption.AllDirectories).ToDictionary(f => f, System.IO.File.ReadAllBytes);
        Assert.Equal(SweepTables.All.Count, first.Count);
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", SampleRuns.Sweep().Reverse().ToList(), SampleRuns.Sample);

        foreach ((string path, byte[] bytes) in first)
        {
            Assert.Equal(bytes, System.IO.File.ReadAllBytes(path));
        }
    }

    [Fact]
    public async Task A_failing_write_leaves_no_partial_or_temporary_file()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SweepResultsWriter.WriteAsync(_dir.Path, "s1", SampleRuns.Sweep(),
            (_, _) => throw new InvalidOperationException("no image")));

        Assert.Empty(Directory.GetFiles(_dir.Path));
        string blocked = Path.Combine(_dir.Path, "blocked");
        System.IO.File.WriteAllText(blocked, "a file, not a directory");
        await Assert.ThrowsAnyAsync<IOException>(() => SweepResultsWriter.WriteAsync(blocked, "s1", SampleRuns.Sweep(), SampleRuns.Sample));
    }

    [Fact]
    public void Summary_aggregates_over_seeds_with_regular_first()
    {
        IReadOnlyList<RunRecord> runs = SampleRuns.Sweep();
        var rows = runs.Select(r => Map.Run(r)).ToList();
        var curves = runs.SelectMany(r => r.CurveEps.Select((eps, g) => new CurveRow { RunKey = r.RunKey, EpsIndex = g, AttackEps = eps, RobustAccuracy = r.CurveAccuracy[g] })).ToList();

        var summary = SweepSummary.Compute(rows, curves, [0.1, 0.2, 0.3]);

        Assert.Equal([new ModelKey(Core.Training.TrainingMode.Regular, null), new ModelKey(Core.Training.TrainingMode.Robust, 0.1)], summary.Select(m => m.Model));
        ModelSummary regular = summary[0];
        Assert.Equal((2, 0), (regular.Completed, regular.Failed));
        Assert.Equal(0.9, regular.CleanAccuracy.Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), regular.CleanAccuracy.Std, 12);
        Assert.Equal(0.5, regular.AccuracyAt[0].Mean, 12);
        Assert.Equal(0.1, regular.AccuracyAt[1].Mean, 12);
        Assert.Equal(0, regular.AccuracyAt[2].Count);
        Assert.Equal((0.15, 2), (Math.Round(regular.Eps50.Mean, 12), regular.Eps50.Count));
        ModelSummary robust = summary[1];
        Assert.Equal((1, 1), (robust.Completed, robust.Failed));
        Assert.Equal(0, robust.Eps50.Count);
    }

    [Fact]
    public async Task The_summary_read_from_the_files_equals_DuckDBs_aggregates_over_many_row_groups()
    {
        // 1,500 runs with 101-point curves: runs.parquet and curves.parquet each span several row groups.
        double[] grid = [.. Enumerable.Range(0, 101).Select(i => i * 0.005)];
        var runs = Enumerable.Range(1, 1500).Select(seed =>
        {
            TrainingModeOf(seed, out var mode, out double eps);
            double[] accuracy = [.. grid.Select(e => Math.Max(0, 1 - e * (1 + seed % 7) * (mode == Core.Training.TrainingMode.Regular ? 8 : 2)))];
            RunRecord r = SampleRuns.Completed(mode, eps, seed, accuracy, accuracy.Any(a => a < 0.5) ? grid[Array.FindIndex(accuracy, a => a < 0.5)] : null);
            return r with { Spec = r.Spec with { AttackStop = 0.5, AttackCount = 101 }, CurveEps = grid, MisclassifiedCounts = [], AbsLogitQuantiles = [], Misclassified = [] };
        }).Select(r => r with { RunKey = r.Spec.Key }).ToList();
        await SweepResultsWriter.WriteAsync(_dir.Path, "big", runs, SampleRuns.Sample);

        IReadOnlyList<ModelSummary> summary = await SweepSummary.ReadAsync(_dir.Path);

        Assert.Equal(3, summary.Count);
        foreach (ModelSummary m in summary)
        {
            string model = m.Model.TrainEps is null ? "train_eps is null" : $"train_eps = {m.Model.TrainEps.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            Assert.Equal(DuckDb.Scalar($"select count(*) from {File("runs")} where {model}"), m.Completed);
            Assert.Equal(DuckDb.Real($"select avg(test_accuracy) from {File("runs")} where {model}"), m.CleanAccuracy.Mean, 12);
            Assert.Equal(DuckDb.Real($"select stddev_samp(eps50) from {File("runs")} where {model}"), m.Eps50.Std, 12);
            Assert.Equal(DuckDb.Real($"select avg(eps50) from {File("runs")} where {model}"), m.Eps50.Mean, 12);
            // The default radii of linspace(0, 0.5, 101): its points nearest 20%, 40% and 60% of the way.
            Assert.Equal([0.1, 0.2, 0.3], m.TableEps.Select(e => Math.Round(e, 12)));
            foreach ((double eps, MeanStd at) in m.TableEps.Zip(m.AccuracyAt))
            {
                string rows = $"from {File("curves")} where {model} and abs(attack_eps - {eps.ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 1e-9";
                Assert.Equal(DuckDb.Real($"select avg(robust_accuracy) {rows}"), at.Mean, 12);
                Assert.Equal(DuckDb.Real($"select stddev_samp(robust_accuracy) {rows}"), at.Std, 12);
            }
        }
        Assert.True(DuckDb.Scalar($"select count(distinct row_group_id) from parquet_metadata({File("curves")[13..^1]})") > 1, "curves.parquet should span several row groups");
    }

    [Fact]
    public async Task The_summary_at_requested_radii_reads_them_from_the_curves_and_leaves_a_radius_off_the_grid_empty()
    {
        double[] grid = [.. Enumerable.Range(0, 101).Select(i => i * 0.005)];
        var runs = Enumerable.Range(1, 6).Select(seed =>
        {
            double[] accuracy = [.. grid.Select(e => Math.Max(0, 1 - e * seed))];
            RunRecord r = SampleRuns.Completed(Core.Training.TrainingMode.Regular, 0, seed, accuracy, null);
            return r with { Spec = r.Spec with { AttackStop = 0.5, AttackCount = 101 }, CurveEps = grid, MisclassifiedCounts = [], AbsLogitQuantiles = [], Misclassified = [] };
        }).Select(r => r with { RunKey = r.Spec.Key }).ToList();
        await SweepResultsWriter.WriteAsync(_dir.Path, "radii", runs, SampleRuns.Sample);

        ModelSummary m = Assert.Single(await SweepSummary.ReadAsync(_dir.Path, [0.051, 0.45, 0.9]));

        Assert.Equal([0.05, 0.45, 0.9], m.TableEps.Select(e => Math.Round(e, 12)));
        Assert.Equal(DuckDb.Real($"select avg(robust_accuracy) from {File("curves")} where abs(attack_eps - 0.05) < 1e-9"), m.AccuracyAt[0].Mean, 12);
        Assert.Equal(DuckDb.Real($"select avg(robust_accuracy) from {File("curves")} where abs(attack_eps - 0.45) < 1e-9"), m.AccuracyAt[1].Mean, 12);
        Assert.Equal(0, m.AccuracyAt[2].Count);
    }

    private static void TrainingModeOf(int seed, out Core.Training.TrainingMode mode, out double eps) =>
        (mode, eps) = (seed % 3) switch { 0 => (Core.Training.TrainingMode.Regular, 0), 1 => (Core.Training.TrainingMode.Robust, 0.1), _ => (Core.Training.TrainingMode.Robust, 0.2) };

    private string File(string name) => DuckDb.File(_dir.Path, name + ".parquet");

    /// <summary>The column tables of docs/RESULTS-SCHEMA.md, per file: column name to documented type.</summary>
    private static IEnumerable<(string File, Dictionary<string, string> Columns)> DocumentedColumns()
    {
        string doc = System.IO.File.ReadAllText(Repository.Path("docs", "RESULTS-SCHEMA.md"));
        foreach (Match section in Regex.Matches(doc, @"^## (\w+)\.parquet(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            var columns = Regex.Matches(section.Groups[2].Value, @"^\| `(\w+)` \| ([^|]+) \|", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
            yield return (section.Groups[1].Value, columns);
        }
    }

    private static bool TypeMatches(string documented, string duckdb) => (documented, duckdb) switch
    {
        ("string", "VARCHAR") or ("int32", "INTEGER") or ("int64", "BIGINT") or ("double", "DOUBLE") or ("float", "FLOAT")
            or ("boolean", "BOOLEAN") or ("binary", "BLOB") or ("list&lt;float&gt;", "FLOAT[]") => true,
        _ => false,
    };

}
