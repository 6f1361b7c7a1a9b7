using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Grains.Sweeps;
using RobustGrid.Grains.Tests.Cluster;
using RobustGrid.Results;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>The streamed results against the files the batch writer makes of the same runs.</summary>
[Trait("Category", "Unit")]
public sealed class SweepResultsStreamTests : IDisposable
{
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    private static readonly BinaryTask _task = BinaryTask.Create(_dataset, 0, 1);
    private static readonly IReadOnlyList<RunSpec> _runs = SweepPlanner.Create(
        new SweepSpec { Eps = [0.1], Seeds = [1, 2, 3, 4, 5, 6], Epochs = 1 }, _ => _dataset, 100).Runs;
    private static readonly Dictionary<string, RunRecord> _completed = _runs.ToDictionary(r => r.Key,
        r => RunRecords.Completed(r, RunExecutor.Execute(_task, r.ToPoint()), "S127.0.0.1:11111:1"));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "robustgrid-stream-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Runs_finishing_in_any_order_give_the_files_of_the_batch_writer_byte_for_byte()
    {
        RunSpec failed = _runs[3], empty = _runs[5], unreachable = _runs[7];
        int unreachableCalls = 0;
        Task<RunRecord?> Fetch(RunSpec run)
        {
            if (run.Key == empty.Key)
            {
                return Task.FromResult<RunRecord?>(null);
            }
            if (run.Key == unreachable.Key && ++unreachableCalls == 1)
            {
                throw new TimeoutException("its silo is restarting");
            }
            return Task.FromResult<RunRecord?>(_completed[run.Key]);
        }

        string streamed = Path.Combine(_root, "streamed");
        await using (var stream = new SweepResultsStream(streamed, "s1", _runs, Fetch, Sample))
        {
            foreach (RunSpec run in _runs.Reverse())
            {
                if (run.Key == failed.Key)
                {
                    stream.Failed(run, 3, "boom");
                }
                else
                {
                    stream.Completed(run, run.Key == empty.Key ? 1 : 2);
                }
            }
            IReadOnlyList<RunRecord> records = await stream.CompleteAsync();
            Assert.Equal(_runs.Select(r => r.Key).Order(StringComparer.Ordinal), records.Select(r => r.RunKey));
            Assert.Equal(2, unreachableCalls);
        }

        RunRecord[] expected = [.. _runs.Select(r =>
            r.Key == failed.Key ? RunRecords.Failed(r, r.Key, "boom", 3, "")
            : r.Key == empty.Key ? RunRecords.Failed(r, r.Key, "the run reported completion but holds no result", 1, "")
            : _completed[r.Key] with { Attempts = 2 })];
        string batch = Path.Combine(_root, "batch");
        await SweepResultsWriter.WriteAsync(batch, "s1", expected, Sample);

        string[] names = [SweepResultsWriter.Runs, SweepResultsWriter.Curves, SweepResultsWriter.Epochs, SweepResultsWriter.Misclassified];
        Assert.Equal(names.Order(), Directory.GetFiles(streamed).Select(f => Path.GetFileName(f)!).Order());
        foreach (string name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(batch, name)), File.ReadAllBytes(Path.Combine(streamed, name)));
        }
        long rows = _completed.Values.Where(r => r.RunKey != failed.Key && r.RunKey != empty.Key).Sum(r => r.Misclassified.Length);
        Assert.True(rows > 0);
        Assert.Equal(rows, DuckDb.Scalar($"SELECT count(*) FROM '{Path.Combine(streamed, SweepResultsWriter.Misclassified)}'"));
    }

    [Fact]
    public async Task Records_pass_on_in_run_key_order_as_soon_as_the_runs_before_them_are_in()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        await using var stream = new SweepResultsStream(Path.Combine(_root, "s"), "s", _runs, r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample);

        stream.Completed(ordered[1], 1);
        stream.Completed(ordered[2], 1);
        Assert.Equal(0, stream.Written);
        stream.Completed(ordered[0], 1);
        Assert.Equal(3, stream.Written);
        stream.Failed(ordered[3], 1, "boom");
        stream.Completed(ordered[3], 1); // a repeated report changes nothing
        Assert.Equal(4, stream.Written);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.CompleteAsync());
    }

    [Fact]
    public async Task An_abandoned_stream_leaves_no_file()
    {
        string directory = Path.Combine(_root, "abandoned");
        await using (var stream = new SweepResultsStream(directory, "s", _runs, r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample))
        {
            foreach (RunSpec run in _runs.Take(5))
            {
                stream.Completed(run, 1);
            }
        }
        Assert.Empty(Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task A_stream_removes_the_temporary_file_a_dead_writer_left()
    {
        string directory = Path.Combine(_root, "resumed");
        Directory.CreateDirectory(directory);
        string stale = Path.Combine(directory, ".misclassified.parquet.0badf00d.tmp");
        await File.WriteAllTextAsync(stale, "half a file");
        await using (var stream = new SweepResultsStream(directory, "s", _runs, r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample))
        {
            foreach (RunSpec run in _runs)
            {
                stream.Completed(run, 1);
            }
            await stream.CompleteAsync();
        }
        Assert.False(File.Exists(stale));
        Assert.Equal(4, Directory.GetFiles(directory).Length);
    }

    private static TestSample Sample(RunRecord run, int testIndex) =>
        new(_task.Test.Row(testIndex).ToArray(), _dataset.Test.Rows, _dataset.Test.Columns, _task.Test.Labels[testIndex]);
}
