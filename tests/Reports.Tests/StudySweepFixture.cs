using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Reports;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>
/// A real sweep's output: the study's four models x seeds 1..3 on the embedded digits, trained through Core and
/// written by the sweep writer, plus one failed run; transfer.parquet; and the report drawn from it.
/// </summary>
public sealed class StudySweepFixture : IAsyncLifetime
{
    public const string SweepId = "report-test";
    public static readonly long[] Seeds = [1, 2, 3];

    private readonly TempDirectory _root = new("report-tests");

    public string Root => _root.Path;

    public string SweepDirectory => Path.Combine(Root, SweepId);

    public IReadOnlyList<RunRecord> Records { get; private set; } = [];

    public BinaryTask BinaryTask { get; private set; } = null!;

    public Dataset Dataset { get; private set; } = null!;

    public ReportOutcome Report { get; private set; } = null!;

    /// <summary>(source, target) curves in transfer.parquet, written as a sweep with --transfer writes it.</summary>
    public int TransferCurves { get; private set; }

    public async Task InitializeAsync()
    {
        var plan = SweepPlanner.Create(new SweepSpec { Seeds = Seeds }, _ => DatasetLoader.LoadEmbedded(), 1000);
        Dataset dataset = DatasetLoader.LoadEmbedded();
        BinaryTask task = BinaryTask.Create(dataset, 0, 1);
        var records = plan.Runs.Select(spec => RunRecords.Completed(spec, RunExecutor.Execute(task, spec.ToPoint()), "test-silo")).ToList();
        RunSpec failed = plan.Runs[0] with { Seed = 99 };
        records.Add(RunRecords.Failed(failed, failed.Key, "simulated: the silo died three times", 3, "test-silo"));
        Records = records;
        (BinaryTask, Dataset) = (task, dataset);
        var samples = new Grains.Data.TaskCache();
        // The earlier layout, one file per table: the report must keep reading sweeps written before committed parts (PairsSweepFixture has parts).
        await SweepResultsWriter.WriteSingleFilesAsync(SweepDirectory, SweepId, records, (run, i) => samples.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
        TransferCurves = await TransferWriter.WriteAsync(SweepDirectory, (negative, positive) => BinaryTask.Create(dataset, negative, positive).Test);
        Report = await ReportWriter.WriteAsync(SweepDirectory, Path.Combine(SweepDirectory, "report"));
    }

    /// <summary>The rows of <paramref name="sql"/>, in which 'runs.parquet', 'curves.parquet' and the like name this sweep's files.</summary>
    public List<object?[]> Rows(string sql) =>
        DuckDb.Rows(System.Text.RegularExpressions.Regex.Replace(sql, @"'(\w+\.parquet)'", m => DuckDb.File(SweepDirectory, m.Groups[1].Value)));

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
