using RobustGrid.Core.Training;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results.Tests.Layout;

/// <summary>Every reader of a sweep reads the parts layout as it reads the single files of the same runs.</summary>
[Trait("Category", "Unit")]
public sealed class PartsLayoutReadingTests : IAsyncLifetime
{
    private PartsSweep _sweep = null!;

    public async Task InitializeAsync() => _sweep = await PartsSweep.CreateAsync();

    public Task DisposeAsync()
    {
        _sweep.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_sweep_is_of_the_parts_layout()
    {
        Assert.False(SweepTables.IsSingleFileLayout(_sweep.Parts));
        Assert.All(SweepTables.All, t => Assert.Equal(PartsSweep.PartCount, SweepTables.Files(_sweep.Parts, t).Count));
        Assert.Empty(Directory.GetFiles(_sweep.Parts, "*.parquet"));
    }

    [Fact]
    public async Task The_summary_table_is_the_same()
    {
        IReadOnlyList<ModelSummary> single = await SweepSummary.ReadAsync(_sweep.Single);
        IReadOnlyList<ModelSummary> parts = await SweepSummary.ReadAsync(_sweep.Parts);

        Assert.Equal(2, single.Count);
        Assert.Equal(single.Select(Show), parts.Select(Show));
        Assert.Equal((await SweepSummary.ReadAsync(_sweep.Single, [0.1])).Select(Show), (await SweepSummary.ReadAsync(_sweep.Parts, [0.1])).Select(Show));
        // The robust model's accuracy at eps 0.2 comes from curve rows of both parts: its mean is that of all seeds.
        ModelSummary robust = parts.Single(m => m.Model.Mode == TrainingMode.Robust);
        Assert.Equal(600, robust.Completed);
        Assert.Equal(10, robust.Failed);
    }

    [Fact]
    public async Task Whole_table_reads_give_the_same_rows()
    {
        Assert.Equal(Rows(await SweepResultsReader.ReadRunsAsync(_sweep.Single)), Rows(await SweepResultsReader.ReadRunsAsync(_sweep.Parts)));
        Assert.Equal(Rows(await SweepResultsReader.ReadCurvesAsync(_sweep.Single)), Rows(await SweepResultsReader.ReadCurvesAsync(_sweep.Parts)));
        Assert.Equal(Rows(await SweepResultsReader.ReadEpochsAsync(_sweep.Single)), Rows(await SweepResultsReader.ReadEpochsAsync(_sweep.Parts)));
        Assert.Equal(Rows(await SweepResultsReader.ReadMisclassifiedAsync(_sweep.Single)), Rows(await SweepResultsReader.ReadMisclassifiedAsync(_sweep.Parts)));
        // This test's parts repeat the samples both halves name; the set is the same.
        Assert.Equal(Rows(await SweepResultsReader.ReadSamplesAsync(_sweep.Single)), Rows(await SweepResultsReader.ReadSamplesAsync(_sweep.Parts)).Distinct());
        Assert.Equal(_sweep.Runs.Count, (await SweepResultsReader.ReadRunsAsync(_sweep.Parts)).Count);
    }

    [Fact]
    public async Task Weights_are_found_in_either_part()
    {
        string[] keys = [.. _sweep.Runs.Select(r => r.RunKey).Order(StringComparer.Ordinal)];
        HashSet<string> wanted = [keys[0], keys[300], keys[604], keys[605], keys[1100], keys[^1]];
        var single = await RunWeights.ReadAsync(_sweep.Single, wanted, CancellationToken.None);
        var parts = await RunWeights.ReadAsync(_sweep.Parts, wanted, CancellationToken.None);

        Assert.Equal(wanted.Order(), parts.Keys.Order());
        foreach (string key in wanted)
        {
            Assert.Equal(single[key].Weights, parts[key].Weights);
            Assert.Equal(single[key].Bias, parts[key].Bias);
        }
        Assert.Equal(_sweep.Runs.Single(r => r.RunKey == keys[1100]).Weights, parts[keys[1100]].Weights);
    }

    [Fact]
    public async Task The_runs_row_groups_are_those_of_all_parts()
    {
        var single = new List<string>();
        await foreach (RunsRowGroup group in RunsRowGroup.ReadAsync(_sweep.Single, CancellationToken.None))
        {
            single.AddRange(group.Keys.Zip(group.Statuses, (k, s) => $"{k} {s} {group.SweepId}"));
        }
        var parts = new List<string>();
        await foreach (RunsRowGroup group in RunsRowGroup.ReadAsync(_sweep.Parts, CancellationToken.None))
        {
            parts.AddRange(group.Keys.Zip(group.Statuses, (k, s) => $"{k} {s} {group.SweepId}"));
        }
        Assert.Equal(_sweep.Runs.Count, single.Count);
        Assert.Equal(single, parts);
    }

    [Fact]
    public async Task The_transfer_writer_reads_the_runs_of_all_parts_and_writes_one_file()
    {
        static Core.Data.TaskSplit Split(int negative, int positive) => new(6, [0, 50, 100, 150, 200, 250, 250, 200, 150, 100, 50, 0], [1, -1], [0, 1]);
        int single = await TransferWriter.WriteAsync(_sweep.Single, Split);
        int parts = await TransferWriter.WriteAsync(_sweep.Parts, Split);

        // 600 seeds of two models: each seed compares both (4 curves) and each model attacks the next seed's (2).
        Assert.True(single > 2400, $"{single} transfer curves");
        Assert.Equal(single, parts);
        Assert.True(File.Exists(Path.Combine(_sweep.Parts, TransferWriter.FileName)));
        const string Query = "select * exclude (sweep_id) from {0} order by all";
        Assert.Equal(
            DuckDb.Rows(string.Format(Query, DuckDb.File(_sweep.Single, TransferWriter.FileName))),
            DuckDb.Rows(string.Format(Query, DuckDb.File(_sweep.Parts, TransferWriter.FileName))));
    }

    [Theory]
    [InlineData("runs.parquet", 1210)]
    [InlineData("curves.parquet", 3600)]
    [InlineData("epochs.parquet", 2400)]
    [InlineData("misclassified.parquet", 3600)]
    public void DuckDB_counts_the_same_rows_in_both_layouts(string file, long rows)
    {
        Assert.Equal(rows, DuckDb.Scalar($"select count(*) from {DuckDb.File(_sweep.Single, file)}"));
        Assert.Equal(rows, DuckDb.Scalar($"select count(*) from {DuckDb.File(_sweep.Parts, file)}"));
        Assert.Contains(Path.Combine(_sweep.Parts, Path.GetFileNameWithoutExtension(file), "*.parquet"), DuckDb.File(_sweep.Parts, file));
        Assert.Equal(
            DuckDb.Scalar($"select count(distinct run_key) from {DuckDb.File(_sweep.Single, file)}"),
            DuckDb.Scalar($"select count(distinct run_key) from {DuckDb.Table(_sweep.Parts, Path.GetFileNameWithoutExtension(file))}"));
    }

    [Fact]
    public void DuckDB_names_other_files_as_they_are()
    {
        Assert.Equal($"read_parquet('{Path.Combine(_sweep.Parts, "transfer.parquet")}')", DuckDb.File(_sweep.Parts, "transfer.parquet"));
        Assert.Equal($"read_parquet('{Path.Combine(_sweep.Single, "runs.parquet")}')", DuckDb.File(_sweep.Single, "runs.parquet"));
        Assert.Equal(3L, DuckDb.Scalar($"select count(distinct sample_index) from {DuckDb.File(_sweep.Parts, "samples.parquet")}"));
    }

    [Fact]
    public async Task A_table_with_no_files_is_a_clear_error_for_whole_table_reads_too()
    {
        Directory.Delete(SweepTables.PartsDirectory(_sweep.Parts, SweepTables.Epochs), recursive: true);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SweepResultsReader.ReadEpochsAsync(_sweep.Parts));
        Assert.Contains(_sweep.Parts, error.Message);
        Assert.Contains("no epochs table", error.Message);
    }

    // A row's public properties, in order, as one string (the rows are classes without value equality; lists joined).
    private static IEnumerable<string> Rows<T>(IEnumerable<T> rows) => rows.Select(row => string.Join("|", typeof(T).GetProperties().Select(p => p.GetValue(row) switch
    {
        System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object>()) + "]",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    })));

    private static string Show(ModelSummary m) =>
        $"{m with { TableEps = [], AccuracyAt = [] }} [{string.Join(",", m.TableEps)}] [{string.Join(",", m.AccuracyAt)}]";
}
