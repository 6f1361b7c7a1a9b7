using RobustGrid.Results.Layout;
using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;
using RobustGrid.Grains.Sweeps;
using RobustGrid.Results;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepFinalFilesTests : IDisposable
{
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    private static readonly SweepSpec _spec = new() { Eps = [0.1], Seeds = [1, 2], Epochs = 1, AttackPoints = 5 };
    private static readonly IReadOnlyList<RunSpec> _runs = SweepPlanner.Create(_spec, _ => _dataset, 100).Runs;
    private static readonly TaskCache _tasks = new();

    private readonly TempDirectory _directory = new("final");
    private readonly RecordingLogger _log = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_transfer_only_sweep_json_is_added_naming_the_spec_and_dataset()
    {
        await WriteRunsAsync();

        await SweepFinalFiles.WriteAsync(_directory.Path, _spec, _dataset.ContentHash, TestSplit, _log, "s1");

        Assert.Equal(SweepIdentity.Of(_spec, _dataset.ContentHash).ToJson(), SweepJsonFile.Read(_directory.Path));
        Assert.False(File.Exists(Path.Combine(_directory.Path, TransferWriter.FileName)));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task With_transfer_transfer_parquet_is_written_before_sweep_json()
    {
        await WriteRunsAsync();
        SweepSpec spec = _spec with { Transfer = true };

        await SweepFinalFiles.WriteAsync(_directory.Path, spec, _dataset.ContentHash, TestSplit, _log, "s1");

        Assert.True(File.Exists(Path.Combine(_directory.Path, TransferWriter.FileName)));
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(_directory.Path, TransferWriter.FileName)) <= File.GetLastWriteTimeUtc(Path.Combine(_directory.Path, SweepJsonFile.Name)));
        Assert.Equal(SweepIdentity.Of(spec, _dataset.ContentHash).ToJson(), SweepJsonFile.Read(_directory.Path));
        Assert.StartsWith("Sweep s1: transfer.parquet written (", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_that_fails_leaves_no_sweep_json()
    {
        await WriteRunsAsync();

        // The transfer writer computes its groups in parallel: the failure comes wrapped.
        var e = await Assert.ThrowsAsync<AggregateException>(() => SweepFinalFiles.WriteAsync(_directory.Path, _spec with { Transfer = true }, _dataset.ContentHash,
            (_, _) => throw new DatasetException("the dataset went away"), _log, "s1"));
        Assert.IsType<DatasetException>(e.InnerException);

        Assert.Null(SweepJsonFile.Read(_directory.Path));
        Assert.Equal(SweepTables.All.Append(SweepManifest.FileName).Order(), Directory.GetFileSystemEntries(_directory.Path).Select(f => Path.GetFileName(f)!).Order());
    }

    private static TaskSplit TestSplit(int negative, int positive) => _tasks.BinaryTaskFor(DatasetRef.Embedded, negative, positive).Test;

    private async Task WriteRunsAsync()
    {
        BinaryTask task = BinaryTask.Create(_dataset, 0, 1);
        RunRecord[] records = [.. _runs.Select(r => RunRecords.Completed(r, RunExecutor.Execute(task, r.ToPoint()), "S127.0.0.1:11111:1"))];
        await SweepResultsWriter.WriteAsync(_directory.Path, "s1", records, (run, index) => _tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, index));
    }
}
