using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Sweeps;
using RobustGrid.Grains.Tests.Cluster;
using RobustGrid.Results;
using RobustGrid.Results.Committed;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>The streamed results against the files the batch writer makes of the same runs.</summary>
[Trait("Category", "Unit")]
public sealed class SweepResultsStreamTests : IDisposable
{
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    private static readonly BinaryTask _task = BinaryTask.Create(_dataset, 0, 1);
    private static readonly IReadOnlyList<RunSpec> _runs = SweepPlanner.Create(
        new SweepSpec { Eps = [0.1], Seeds = [1, 2, 3, 4, 5, 6], Epochs = 1 }, _ => _dataset, 100).Runs;
    private static readonly TaskCache _samples = new();
    private static readonly Dictionary<string, RunRecord> _completed = _runs.ToDictionary(r => r.Key,
        r => RunRecords.Completed(r, RunExecutor.Execute(_task, r.ToPoint()), "S127.0.0.1:11111:1"));

    private readonly TempDirectory _root = new("stream");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Runs_finishing_in_any_order_give_the_files_of_the_batch_writer_byte_for_byte()
    {
        RunSpec failed = _runs[3], empty = _runs[5], unreachable = _runs[7], retraining = _runs[8];
        int unreachableCalls = 0, retrainingCalls = 0;
        Task<RunRecord?> Fetch(RunSpec run)
        {
            // A run that never holds a result fails; one answered by a second activation still training it (null
            // twice) is written once that activation has the result.
            if (run.Key == empty.Key || (run.Key == retraining.Key && Interlocked.Increment(ref retrainingCalls) <= 2))
            {
                return Task.FromResult<RunRecord?>(null);
            }
            if (run.Key == unreachable.Key && Interlocked.Increment(ref unreachableCalls) == 1)
            {
                throw new TimeoutException("its silo is restarting");
            }
            return Task.FromResult<RunRecord?>(_completed[run.Key]);
        }

        string streamed = Path.Combine(_root.Path, "streamed");
        var commits = new List<int>();
        await using (var stream = new SweepResultsStream(streamed, "s1", _runs, 0, Commits(commits), Fetch, Sample, retryDelay: TimeSpan.FromMilliseconds(1)))
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
            Assert.Equal(2, await stream.CompleteAsync());
            Assert.Equal([1], commits);
            Assert.Equal(_runs.Count, stream.Committed);
            Assert.Equal(2, unreachableCalls);
            Assert.Equal(3, retrainingCalls);
        }

        RunRecord[] expected = [.. _runs.Select(r =>
            r.Key == failed.Key ? RunRecords.Failed(r, r.Key, "boom", 3, "")
            : r.Key == empty.Key ? RunRecords.Failed(r, r.Key, $"the run reported completion but no result came within {SweepResultsStream.MaxWaits} asks", 1, "")
            : _completed[r.Key] with { Attempts = 2 })];
        string batch = Path.Combine(_root.Path, "batch");
        await SweepResultsWriter.WriteAsync(batch, "s1", expected, Sample);

        AssertSameTables(batch, streamed);
        long rows = _completed.Values.Where(r => r.RunKey != failed.Key && r.RunKey != empty.Key).Sum(r => r.Misclassified.Length);
        Assert.True(rows > 0);
        Assert.Equal(rows, DuckDb.Scalar($"SELECT count(*) FROM {DuckDb.Table(streamed, SweepTables.Misclassified)}"));
    }

    [Fact]
    public async Task The_joined_images_are_the_datasets_pixels()
    {
        string directory = Path.Combine(_root.Path, "joined");
        await SweepResultsWriter.WriteAsync(directory, "s", [.. _completed.Values], Sample);

        var joined = DuckDb.Rows($"SELECT m.sample_index, m.label, s.class, hex(s.image) FROM {DuckDb.Table(directory, SweepTables.Misclassified)} m "
            + $"JOIN {DuckDb.Table(directory, SweepTables.Samples)} s USING (dataset_hash, sample_index)");
        Assert.Equal(_completed.Values.Sum(r => r.Misclassified.Length), joined.Count);
        foreach (object?[] row in joined)
        {
            int sampleIndex = Convert.ToInt32(row[0]);
            Assert.Equal(Convert.ToHexString(_dataset.Test.Row(sampleIndex)), row[3]);
            Assert.Equal(_dataset.Test.Labels[sampleIndex], Convert.ToInt32(row[2]));
            Assert.Equal(_dataset.Test.Labels[sampleIndex] == 1 ? 1 : -1, Convert.ToInt32(row[1]));
        }
    }

    [Fact]
    public async Task Thousands_of_runs_finishing_out_of_order_keep_at_most_a_window_of_records()
    {
        IReadOnlyList<RunSpec> runs = SweepPlanner.Create(new SweepSpec { Eps = [0.1], Seeds = [.. Enumerable.Range(1, 1667).Select(i => (long)i)] }, _ => _dataset, 10_000).Runs;
        int fetching = 0, mostFetching = 0;
        async Task<RunRecord?> Fetch(RunSpec run)
        {
            int now = Interlocked.Increment(ref fetching);
            InterlockedMax(ref mostFetching, now);
            await Task.Yield();
            Interlocked.Decrement(ref fetching);
            return FakeRecords.Of(run);
        }

        string directory = Path.Combine(_root.Path, "many");
        var random = new Random(7);
        var commits = new List<int>();
        await using (var stream = new SweepResultsStream(directory, "many", runs, 0, Commits(commits), Fetch, Sample))
        {
            // Runs end in a random order, in bursts, while the stream writes.
            foreach (RunSpec[] burst in runs.OrderBy(_ => random.Next()).Chunk(250))
            {
                foreach (RunSpec run in burst)
                {
                    stream.Completed(run, 1);
                }
                await Task.Delay(1);
            }
            Assert.Equal(0, await stream.CompleteAsync());
            Assert.Equal(Enumerable.Range(1, SweepTables.PartCount(runs.Count)), commits); // 3,334 runs: six parts of 512 and one of 262
            Assert.InRange(stream.MostRetained, 1, SweepResultsStream.Window + 1);
        }
        Assert.InRange(mostFetching, 1, SweepResultsStream.Window + 1);
        Assert.Equal(runs.Count, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {DuckDb.Table(directory, SweepTables.Runs)}"));
        Assert.Equal(runs.Count, DuckDb.Scalar($"SELECT count(*) FROM {DuckDb.Table(directory, SweepTables.Misclassified)}"));
        // Each part holds a contiguous key range, in order, and the samples table each sample once.
        Assert.Equal(7, Directory.GetFiles(SweepTables.PartsDirectory(directory, SweepTables.Runs)).Length);
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) - count(DISTINCT (dataset_hash, sample_index)) FROM {DuckDb.Table(directory, SweepTables.Samples)}"));
    }

    [Fact]
    public async Task Written_counts_runs_in_key_order_up_to_the_first_that_has_not_ended()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        await using var stream = new SweepResultsStream(Path.Combine(_root.Path, "s"), "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample);

        stream.Completed(ordered[1], 1);
        stream.Completed(ordered[2], 1);
        await Task.Delay(200);
        Assert.Equal(0, stream.Written);
        stream.Completed(ordered[0], 1);
        await WaitForAsync(() => stream.Written == 3, "the first three runs written");
        stream.Failed(ordered[3], 1, "boom");
        stream.Completed(ordered[3], 1); // a repeated report changes nothing
        await WaitForAsync(() => stream.Written == 4, "the failed run written");
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.CompleteAsync());
    }

    [Fact]
    public async Task The_runs_recorded_are_counted_by_the_silo_that_trained_them_and_a_failed_run_by_none()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        string[] silos = ["S10.0.0.2:11111:1", "S10.0.0.1:11111:1"];
        RunRecord Trained(RunSpec r) => _completed[r.Key] with { Silo = silos[Array.IndexOf(ordered, r) % 2] };
        await using var stream = new SweepResultsStream(Path.Combine(_root.Path, "by-silo"), "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(Trained(r)), Sample);
        Assert.Empty(stream.RecordedBySilo());

        stream.Completed(ordered[0], 1);
        stream.Completed(ordered[1], 1);
        stream.Completed(ordered[2], 1);
        stream.Failed(ordered[3], 1, "boom");
        await WaitForAsync(() => stream.Written == 4, "four runs written");
        Assert.Equal([new SiloRuns("S10.0.0.1:11111:1", 1), new SiloRuns("S10.0.0.2:11111:1", 2)], stream.RecordedBySilo());
    }

    [Fact]
    public async Task Lag_counts_runs_ended_since_it_was_started_that_the_files_have_not_taken_and_a_wait_ends_when_they_have()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        var firstFetch = new TaskCompletionSource();
        async Task<RunRecord?> Fetch(RunSpec run)
        {
            if (run.Key == ordered[0].Key)
            {
                await firstFetch.Task; // the files cannot move past the first run until this is answered
            }
            return _completed[run.Key];
        }
        await using var stream = new SweepResultsStream(Path.Combine(_root.Path, "unwritten"), "s", _runs, 0, Commits([]), Fetch, Sample);

        // Two runs that ended under an earlier coordinator (in storage): not lag.
        stream.Completed(ordered[0], 1);
        stream.Completed(ordered[1], 1);
        stream.CountLagFromHere();
        Assert.Equal((2, 0), (stream.Unwritten, stream.Lag));
        for (int i = 2; i < 6; i++)
        {
            stream.Completed(ordered[i], 1);
        }
        stream.Failed(ordered[6], 2, "boom");
        stream.Completed(ordered[6], 1); // a repeated report is not counted again
        Assert.Equal((7, 5), (stream.Unwritten, stream.Lag));
        Assert.True(stream.LagBelowAsync(6).IsCompleted);
        Task below3 = stream.LagBelowAsync(3);
        await Task.Delay(100);
        Assert.False(below3.IsCompleted);
        Assert.Equal(0, stream.Written);

        firstFetch.SetResult();
        await below3.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitForAsync(() => stream.Written == 7 && stream.Unwritten == 0 && stream.Lag == 0, "the seven ended runs written");
    }

    [Fact]
    public async Task A_wait_for_the_files_is_cancelled_when_the_stream_is_abandoned()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        var stream = new SweepResultsStream(Path.Combine(_root.Path, "abandoned-wait"), "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample);
        stream.Completed(ordered[1], 1);
        stream.Completed(ordered[2], 1);
        Task wait = stream.LagBelowAsync(1);

        await stream.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_run_ends_for_the_stream_as_the_ledger_says_and_not_while_pending_or_running()
    {
        RunSpec[] ordered = [.. _runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        await using var stream = new SweepResultsStream(Path.Combine(_root.Path, "ended"), "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample);

        stream.Ended(ordered[0], RunStatus.Pending, 0, null);
        stream.Ended(ordered[0], RunStatus.Running, 1, null);
        await Task.Delay(100);
        Assert.Equal(0, stream.Written);
        stream.Ended(ordered[0], RunStatus.Completed, 1, null);
        stream.Ended(ordered[1], RunStatus.Failed, 3, "boom");
        await WaitForAsync(() => stream.Written == 2, "a completed and a failed run written");
        foreach (RunSpec run in ordered.Skip(2))
        {
            stream.Ended(run, RunStatus.Completed, 1, null);
        }
        Assert.Equal(1, await stream.CompleteAsync());
    }

    [Fact]
    public async Task A_stream_abandoned_while_writing_leaves_no_file()
    {
        string directory = Path.Combine(_root.Path, "abandoned");
        await using (var stream = new SweepResultsStream(directory, "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample))
        {
            foreach (RunSpec run in _runs.Take(5))
            {
                stream.Completed(run, 1);
            }
            await Task.Delay(100);
        }
        Assert.Empty(Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task A_stream_removes_the_temporary_files_a_dead_writer_left()
    {
        string directory = Path.Combine(_root.Path, "resumed");
        string[] stale = [.. SweepTables.All.Select(t => Path.Combine(SweepTables.PartsDirectory(directory, t), $".{SweepTables.PartFileName(0)}.0badf00d.tmp"))];
        foreach (string file in stale)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, "half a file");
        }
        await using (var stream = new SweepResultsStream(directory, "s", _runs, 0, Commits([]), r => Task.FromResult<RunRecord?>(_completed[r.Key]), Sample))
        {
            foreach (RunSpec run in _runs)
            {
                stream.Completed(run, 1);
            }
            await stream.CompleteAsync();
        }
        Assert.All(stale, file => Assert.False(File.Exists(file)));
        Assert.Equal(SweepTables.All.Count, Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_stream_that_resumes_at_its_last_commit_keeps_the_committed_parts_and_fetches_only_the_rest()
    {
        IReadOnlyList<RunSpec> runs = ManyRuns(375); // 750 runs: two parts
        RunSpec[] ordered = [.. runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        string directory = Path.Combine(_root.Path, "resumed-commit");
        // The first activation commits part 0 and dies (abandoned) with part 1 half written.
        var commits = new List<int>();
        await using (var first = new SweepResultsStream(directory, "s", runs, 0, Commits(commits), r => Task.FromResult<RunRecord?>(FakeRecords.Of(r)), Sample))
        {
            foreach (RunSpec run in ordered.Take(600))
            {
                first.Completed(run, 1);
            }
            await WaitForAsync(() => first.Committed == SweepTables.RunsPerPart && first.Written == 600, $"part 0 committed ({runs.Count} runs; {first.Committed} committed, {first.Written} written)");
        }
        Assert.Equal([1], commits);
        DateTime committedAt = File.GetLastWriteTimeUtc(SweepTables.PartPath(directory, SweepTables.Runs, 0));

        var fetched = new HashSet<string>();
        await using (var second = new SweepResultsStream(directory, "s", runs, SweepTables.RunsPerPart, Commits(commits), r =>
        {
            lock (fetched)
            {
                fetched.Add(r.Key);
            }
            return Task.FromResult<RunRecord?>(FakeRecords.Of(r));
        }, Sample))
        {
            foreach (RunSpec run in ordered)
            {
                second.Completed(run, 1);
            }
            Assert.Equal(0, await second.CompleteAsync());
        }
        Assert.Equal([1, 2], commits);
        Assert.Equal(ordered.Skip(SweepTables.RunsPerPart).Select(r => r.Key).Order(), fetched.Order());
        Assert.Equal(committedAt, File.GetLastWriteTimeUtc(SweepTables.PartPath(directory, SweepTables.Runs, 0)));

        string batch = Path.Combine(_root.Path, "resumed-commit-batch");
        await SweepResultsWriter.WriteAsync(batch, "s", [.. runs.Select(FakeRecords.Of)], Sample);
        AssertSameTables(batch, directory);
    }

    [Fact]
    public async Task Runs_that_another_sweep_committed_are_read_from_its_parts_and_not_fetched()
    {
        // An earlier sweep committed half the runs (seeds 1-3); this one has all six.
        string root = Path.Combine(_root.Path, "reuse");
        RunRecord[] earlier = [.. _runs.Where(r => r.Seed <= 3).Select(r => _completed[r.Key])];
        await SweepResultsWriter.WriteAsync(Path.Combine(root, "earlier"), "earlier", earlier, Sample);
        string[] keys = [.. _runs.Select(r => r.Key).Order(StringComparer.Ordinal)];
        CommittedRuns reused = await CommittedRuns.FindAsync(root, keys,
            (run, sampleIndex) => _samples.TestIndexOf(run.Dataset, run.NegativeClass, run.PositiveClass, sampleIndex), CancellationToken.None);
        Assert.Equal(earlier.Length, reused.Count);

        var fetched = new HashSet<string>();
        string directory = Path.Combine(root, "now");
        await using (var stream = new SweepResultsStream(directory, "now", _runs, 0, Commits([]), r =>
        {
            lock (fetched)
            {
                fetched.Add(r.Key);
            }
            return Task.FromResult<RunRecord?>(_completed[r.Key]);
        }, Sample, reused))
        {
            foreach (RunSpec run in _runs)
            {
                stream.Completed(run, 1);
            }
            Assert.Equal(0, await stream.CompleteAsync());
        }
        Assert.Equal(_runs.Where(r => r.Seed > 3).Select(r => r.Key).Order(), fetched.Order());
        string batch = Path.Combine(_root.Path, "reuse-batch");
        await SweepResultsWriter.WriteAsync(batch, "now", [.. _runs.Select(r => _completed[r.Key])], Sample);
        AssertSameTables(batch, directory);
    }

    private static IReadOnlyList<RunSpec> ManyRuns(int seeds) =>
        SweepPlanner.Create(new SweepSpec { Eps = [0.1], Seeds = [.. Enumerable.Range(1, seeds).Select(i => (long)i)] }, _ => _dataset, 10_000).Runs;



    /// <summary>A commit callback that records the part counts it is told.</summary>
    private static Func<int, CancellationToken, Task> Commits(List<int> commits) => (parts, _) =>
    {
        lock (commits)
        {
            commits.Add(parts);
        }
        return Task.CompletedTask;
    };

    /// <summary>Every table file of <paramref name="actual"/> is the one of <paramref name="expected"/>, byte for byte, and there are no others.</summary>
    private static void AssertSameTables(string expected, string actual)
    {
        string[] Files(string root) => [.. SweepTables.All.SelectMany(t => Directory.GetFiles(SweepTables.PartsDirectory(root, t))).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
        Assert.Equal(Files(expected), Files(actual));
        foreach (string file in Files(expected))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }
    }

    private static TestSample Sample(RunSpec run, int testIndex) => _samples.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, testIndex);

    private static void InterlockedMax(ref int target, int value)
    {
        for (int seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); !condition(); await Task.Delay(10))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting for {what}");
        }
    }
}
