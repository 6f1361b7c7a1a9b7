using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's results while its runs finish. A background task walks the runs in run-key order, the files' row
/// order: as soon as the next run has ended it fetches that run's record (and up to <see cref="Window"/> ended runs
/// after it, in parallel), appends it to every file (<see cref="SweepFilesWriter"/>) and lets it go. So at most a
/// window of records is in memory whatever the sweep's size, runs that end out of order wait only as a status byte,
/// and when the last run ends only the window is left to write. The files are those <see cref="SweepResultsWriter"/>
/// writes for the same runs, whatever order the runs end in. Free of Orleans (records come from <c>fetch</c>); its
/// methods may be called from any thread.
/// </summary>
public sealed class SweepResultsStream : IAsyncDisposable
{
    /// <summary>Records fetched ahead of the writer, at most.</summary>
    public const int Window = 32;

    /// <summary>Fetches of one record before the results fail (a minute at the default delay: a silo or Redis restart is survived).</summary>
    public const int MaxFetches = 60;

    private const byte Pending = 0, Done = 1, FailedForGood = 2;

    private readonly Func<RunSpec, Task<RunRecord?>> _fetch;
    private readonly RunSpec[] _order;
    private readonly Dictionary<string, int> _positions;
    private readonly byte[] _status;
    private readonly byte[] _attempts;
    private readonly Dictionary<int, string> _errors = [];
    private readonly SemaphoreSlim _ended = new(0);
    private readonly CancellationTokenSource _abandon = new();
    private readonly TimeSpan _retryDelay;
    private readonly Task<SweepFilesWriter> _writing;
    private int _written;
    private int _retained;
    private int _endedCount;
    private int _lagFrom;
    private TaskCompletionSource? _drained;
    private int _drainedBelow;

    /// <param name="runs">The sweep's runs, in any order.</param>
    /// <param name="fetch">Gets a completed run's record; null when the run holds none yet. A call that throws or answers null is retried, up to <see cref="MaxFetches"/> calls.</param>
    /// <param name="testSample">Looks up a run's test sample by its index in the task's test split (called off the caller's thread).</param>
    /// <param name="retryDelay">How long to wait before fetching again a record whose fetch failed (its silo restarting, say).</param>
    public SweepResultsStream(string directory, string sweepId, IReadOnlyList<RunSpec> runs, Func<RunSpec, Task<RunRecord?>> fetch,
        Func<RunSpec, int, TestSample> testSample, TimeSpan? retryDelay = null)
    {
        _fetch = fetch;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _order = [.. runs.Select(r => (Run: r, r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Run)];
        _positions = _order.Select((r, i) => (r.Key, i)).ToDictionary(p => p.Key, p => p.i);
        _status = new byte[_order.Length];
        _attempts = new byte[_order.Length];
        _writing = Task.Run(() => WriteAsync(directory, sweepId, testSample, _abandon.Token));
    }

    /// <summary>Runs whose rows are in the files, in run-key order: every run before this position has ended.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>Runs that have ended and are not yet in the files.</summary>
    public int Unwritten => Volatile.Read(ref _endedCount) - Written;

    /// <summary>
    /// Runs that ended since <see cref="CountLagFromHere"/> and are not yet in the files (taking the runs that had
    /// ended before as the first in key order, as a coordinator that starts runs in key order leaves them). Each such
    /// run still holds its result where it ran (its run grain's activation) until the writer fetches it, so a
    /// coordinator that starts runs faster than the files are written bounds this (<see cref="LagBelowAsync"/>); runs
    /// that ended before, under an earlier coordinator, wait in storage and do not count.
    /// </summary>
    public int Lag
    {
        get
        {
            int written = Written;
            return Math.Max(0, Volatile.Read(ref _endedCount) - written - Math.Max(0, Volatile.Read(ref _lagFrom) - written));
        }
    }

    /// <summary>The runs ended so far are not <see cref="Lag"/>: call it once the runs that ended earlier are passed on.</summary>
    public void CountLagFromHere()
    {
        lock (_status)
        {
            _lagFrom = _endedCount;
        }
    }

    /// <summary>
    /// Completes once <see cref="Lag"/> is below <paramref name="count"/> (at once if it is so already); cancelled
    /// when the stream is abandoned. One wait at a time: a second call replaces the first one's bound.
    /// </summary>
    public Task LagBelowAsync(int count)
    {
        lock (_status)
        {
            if (Lag < count)
            {
                return Task.CompletedTask;
            }
            _drainedBelow = count;
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>The most records this stream ever held at once (fetched and not yet written): at most <see cref="Window"/> + 1.</summary>
    public int MostRetained { get; private set; }

    /// <summary>A run completed: its record is fetched when the runs before it are written.</summary>
    public void Completed(RunSpec run, int attempts) => End(run.Key, Done, attempts, null);

    /// <summary>A run failed for good.</summary>
    public void Failed(RunSpec run, int attempts, string? error) => End(run.Key, FailedForGood, attempts, error ?? "unknown error");

    /// <summary>A run where the ledger says it is: completed, or failed for good; a run pending or running has not ended and is left.</summary>
    public void Ended(RunSpec run, RunStatus status, int attempts, string? error)
    {
        if (status == RunStatus.Completed)
        {
            Completed(run, attempts);
        }
        else if (status == RunStatus.Failed)
        {
            Failed(run, attempts, error);
        }
    }

    /// <summary>
    /// Once every run has completed or failed: waits for the last rows and renames the files into place. Returns how
    /// many runs the files hold and how many of them failed.
    /// </summary>
    public async Task<(int Runs, int Failed)> CompleteAsync()
    {
        int pending;
        lock (_status)
        {
            pending = _status.Count(s => s == Pending);
        }
        if (pending > 0)
        {
            throw new InvalidOperationException($"{pending} runs have not finished.");
        }
        SweepFilesWriter files = await _writing;
        (int runs, int failed) = (files.Count, files.Failed);
        await files.CompleteAsync();
        return (runs, failed);
    }

    /// <summary>Abandons the files not yet complete: nothing is left behind.</summary>
    public async ValueTask DisposeAsync()
    {
        _abandon.Cancel();
        lock (_status)
        {
            _drained?.TrySetCanceled();
            _drained = null;
        }
        try
        {
            await (await _writing).DisposeAsync();
        }
        catch (Exception)
        {
            // Abandoned or already failed: either way the writer's temporary files are gone.
        }
    }

    private void End(string runKey, byte status, int attempts, string? error)
    {
        if (!_positions.TryGetValue(runKey, out int position))
        {
            return; // not this sweep's
        }
        lock (_status)
        {
            if (_status[position] != Pending)
            {
                return; // a repeated report
            }
            _attempts[position] = (byte)Math.Clamp(attempts, 1, byte.MaxValue);
            if (error is not null)
            {
                _errors[position] = error;
            }
            _status[position] = status;
            _endedCount++;
        }
        _ended.Release();
    }

    private byte StatusOf(int position)
    {
        lock (_status)
        {
            return _status[position];
        }
    }

    /// <summary>The background walk: every run in key order, each written as soon as it and the runs before it have ended.</summary>
    private async Task<SweepFilesWriter> WriteAsync(string directory, string sweepId, Func<RunSpec, int, TestSample> testSample, CancellationToken abandon)
    {
        SweepFilesWriter files = SweepFilesWriter.Create(directory, sweepId, testSample, abandon);
        try
        {
            var ahead = new Queue<Task<RunRecord>>();
            int fetched = 0; // positions below this are in `ahead` or written
            for (int position = 0; position < _order.Length; position++)
            {
                while (true)
                {
                    while (fetched < _order.Length && fetched <= position + Window && StatusOf(fetched) != Pending)
                    {
                        ahead.Enqueue(RecordOfAsync(fetched++, abandon));
                        Interlocked.Increment(ref _retained);
                        MostRetained = Math.Max(MostRetained, Volatile.Read(ref _retained));
                    }
                    if (fetched > position)
                    {
                        break;
                    }
                    await _ended.WaitAsync(abandon);
                }
                RunRecord record = await ahead.Dequeue();
                await files.AppendAsync(record);
                Interlocked.Decrement(ref _retained);
                Volatile.Write(ref _written, position + 1);
                ReleaseDrainedWaiter();
            }
            return files;
        }
        catch
        {
            await files.DisposeAsync();
            throw;
        }
    }

    private void ReleaseDrainedWaiter()
    {
        lock (_status)
        {
            if (_drained is { } drained && Lag < _drainedBelow)
            {
                _drained = null;
                drained.TrySetResult();
            }
        }
    }

    /// <summary>An ended run's record: fetched for a completed run (again after a failed fetch), made here for a failed one.</summary>
    private async Task<RunRecord> RecordOfAsync(int position, CancellationToken abandon)
    {
        RunSpec run = _order[position];
        int attempts;
        string? error;
        lock (_status)
        {
            attempts = _attempts[position];
            error = _status[position] == FailedForGood ? _errors[position] : null;
        }
        if (error is not null)
        {
            return RunRecords.Failed(run, run.Key, error, attempts, "");
        }
        for (int fetch = 1; ; fetch++)
        {
            try
            {
                // A completed run's result is in storage, but the activation answering may be a second one (after a
                // silo's death) still training it: it holds none until it has stored or found the first one's.
                if (await _fetch(run) is { } result)
                {
                    return result with { Attempts = attempts };
                }
                if (fetch >= MaxFetches)
                {
                    return RunRecords.Failed(run, run.Key, "the run reported completion but holds no result", attempts, "");
                }
            }
            catch (Exception) when (!abandon.IsCancellationRequested && fetch < MaxFetches)
            {
            }
            await Task.Delay(_retryDelay, abandon);
        }
    }
}
