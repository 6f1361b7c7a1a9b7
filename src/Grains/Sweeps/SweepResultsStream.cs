using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;
using RobustGrid.Results.Committed;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Writing;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's results while its runs finish, committed as they go. A background task walks the runs in run-key
/// order, the tables' row order: as soon as the next run has ended it fetches that run's record (and up to
/// <see cref="Window"/> ended runs after it, in parallel), appends it to the open part (<see cref="SweepFilesWriter"/>)
/// and lets it go; when a part's <see cref="SweepTables.RunsPerPart"/> runs are in, the part is renamed into place and
/// <c>commit</c> records it (the coordinator's state, then manifest.json). So at most a window of records and one
/// part's open row groups are in memory whatever the sweep's size, runs that end out of order wait only as a status
/// byte, and a coordinator that resumes starts at its last commit. Part boundaries depend only on the key order, so the
/// parts are the same bytes whatever order the runs end in and however often the coordinator restarted. Runs another
/// sweep (or an earlier activation) committed are read from there (<c>reused</c>). Free of Orleans (records come from
/// <c>fetch</c>); its methods may be called from any thread.
/// </summary>
public sealed class SweepResultsStream : IAsyncDisposable
{
    /// <summary>Records fetched ahead of the writer, at most: also how many runs whose results went with a dead silo train again at once.</summary>
    public const int Window = 64;

    /// <summary>Failed fetches of one record before the results fail (a minute at the default delay: a silo restart is survived).</summary>
    public const int MaxFetches = 60;

    /// <summary>Asks for one record before it is given up as failed: ten minutes at the default delay, for a run that trains again.</summary>
    public const int MaxWaits = 600;

    private const byte Pending = 0, Done = 1, FailedForGood = 2;

    private readonly Func<RunSpec, Task<RunRecord?>> _fetch;
    private readonly Func<int, CancellationToken, Task> _commit;
    private readonly CommittedRuns? _reused;
    private readonly int _start;
    private int _committed;
    private int _madeFailed;
    private readonly RunOrder _runs;
    private readonly RunSpec[] _order;
    private readonly byte[] _status;
    private readonly byte[] _attempts;
    private readonly Dictionary<int, string> _errors = [];
    // Runs recorded from the silo that trained them (fetched, completed), by silo: each silo's throughput on a page.
    private readonly Dictionary<string, int> _bySilo = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ended = new(0);
    private readonly CancellationTokenSource _abandon = new();
    private readonly TimeSpan _retryDelay;
    private readonly Task _writing;
    private int _written;
    private int _retained;
    private int _endedCount;
    private int _lagFrom;
    private TaskCompletionSource? _drained;
    private int _drainedBelow;

    /// <param name="runs">The sweep's runs in key order.</param>
    /// <param name="committed">Runs (in key order) already committed by an earlier activation: a multiple of <see cref="SweepTables.RunsPerPart"/>, or all.</param>
    /// <param name="commit">Records that the first <c>parts</c> parts are in place (the coordinator's state, fenced); the stream goes on once it returns, and fails if it throws.</param>
    /// <param name="fetch">Gets a completed run's record; null when the run holds none yet (it is training, or trains again). A call that throws is retried, up to <see cref="MaxFetches"/> calls.</param>
    /// <param name="testSample">Looks up a run's test sample by its index in the task's test split (called off the caller's thread).</param>
    /// <param name="reused">The runs (by position in key order) whose records committed sweeps hold, read from there (a run not found there after all is fetched, so trained again); the stream disposes it.</param>
    /// <param name="retryDelay">How long to wait before fetching again a record whose fetch failed (its silo restarting, say) or that is not ready.</param>
    public SweepResultsStream(string directory, string sweepId, RunOrder runs, int committed, Func<int, CancellationToken, Task> commit,
        Func<RunSpec, Task<RunRecord?>> fetch, Func<RunSpec, int, TestSample> testSample,
        CommittedRuns? reused = null, TimeSpan? retryDelay = null)
    {
        _fetch = fetch;
        _commit = commit;
        _reused = reused;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _runs = runs;
        _order = runs.Runs;
        if (committed < 0 || committed > _order.Length || (committed % SweepTables.RunsPerPart != 0 && committed != _order.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(committed), committed, "Commits end at a part boundary.");
        }
        _start = committed;
        _committed = committed;
        _written = committed;
        _status = new byte[_order.Length];
        _attempts = new byte[_order.Length];
        _writing = Task.Run(() => WriteAsync(directory, sweepId, testSample, _abandon.Token));
    }

    /// <summary>The stream of <paramref name="runs"/> in any order (see the other constructor).</summary>
    public SweepResultsStream(string directory, string sweepId, IReadOnlyList<RunSpec> runs, int committed, Func<int, CancellationToken, Task> commit,
        Func<RunSpec, Task<RunRecord?>> fetch, Func<RunSpec, int, TestSample> testSample,
        CommittedRuns? reused = null, TimeSpan? retryDelay = null)
        : this(directory, sweepId, new RunOrder(runs), committed, commit, fetch, testSample, reused, retryDelay)
    {
    }

    /// <summary>The background writer: it completes when every part is committed, fails when a part cannot be written or a commit is refused, and is cancelled when the stream is abandoned.</summary>
    public Task Writing => _writing;

    /// <summary>Runs (in key order) whose rows are in place and committed.</summary>
    public int Committed => Volatile.Read(ref _committed);

    /// <summary>
    /// The completed runs recorded so far from the silos that trained them, by silo name (ordinal order); reused runs
    /// are not counted. The records are taken in key order, so these counts trail the runs' ends by the stream's window.
    /// </summary>
    public SiloRuns[] RecordedBySilo()
    {
        lock (_bySilo)
        {
            return [.. _bySilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new SiloRuns(p.Key, p.Value))];
        }
    }

    /// <summary>Runs whose rows are in the files (committed, or in the open part), in run-key order: every run before this position has ended.</summary>
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
    /// Once every run has completed or failed: waits for the last rows and their commit. Returns how many runs failed
    /// (those the ledger reported, and any whose record could not be had).
    /// </summary>
    public async Task<int> CompleteAsync()
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
        await _writing;
        lock (_status)
        {
            return _status.Count(s => s == FailedForGood) + _madeFailed;
        }
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
            await _writing;
        }
        catch (Exception)
        {
            // Abandoned or already failed: either way the open part's temporary files are gone.
        }
    }

    private void End(string runKey, byte status, int attempts, string? error)
    {
        if (!_runs.TryGetPosition(runKey, out int position))
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

    /// <summary>The background walk: every run in key order from the last commit, each written as soon as it and the runs before it have ended, a part committed whenever it is full.</summary>
    private async Task WriteAsync(string directory, string sweepId, Func<RunSpec, int, TestSample> testSample, CancellationToken abandon)
    {
        int part = _start / SweepTables.RunsPerPart;
        SampleSet held = await CommittedParts.SamplesAsync(directory, part, abandon);
        SweepFilesWriter? files = null;
        try
        {
            var ahead = new Queue<Task<RunRecord>?>(); // null: a reused run, read in order when its turn comes
            int fetched = _start; // positions below this are in `ahead` or written
            for (int position = _start; position < _order.Length; position++)
            {
                while (true)
                {
                    while (fetched < _order.Length && fetched <= position + Window && StatusOf(fetched) != Pending)
                    {
                        ahead.Enqueue(_reused?.Holds(fetched) == true && StatusOf(fetched) == Done ? null : RecordOfAsync(fetched, abandon));
                        fetched++;
                        Interlocked.Increment(ref _retained);
                        MostRetained = Math.Max(MostRetained, Volatile.Read(ref _retained));
                    }
                    if (fetched > position)
                    {
                        break;
                    }
                    await _ended.WaitAsync(abandon);
                }
                Task<RunRecord>? next = ahead.Dequeue();
                RunRecord record = next is null ? await ReusedAsync(position, abandon) : await next;
                if (next is not null && record.Status == RunStatus.Completed)
                {
                    lock (_bySilo)
                    {
                        _bySilo[record.Silo] = _bySilo.GetValueOrDefault(record.Silo) + 1;
                    }
                }
                files ??= SweepFilesWriter.CreatePart(directory, sweepId, part, held, testSample, abandon);
                await files.AppendAsync(record);
                Interlocked.Decrement(ref _retained);
                Volatile.Write(ref _written, position + 1);
                ReleaseDrainedWaiter();
                if (position + 1 == SweepTables.PartRange(part, _order.Length).End)
                {
                    await files.CompleteAsync();
                    files = null;
                    await _commit(++part, abandon);
                    Volatile.Write(ref _committed, position + 1);
                }
            }
            if (_order.Length == 0 && _start == 0)
            {
                // An empty sweep still has its tables: one empty part, so each has its schema.
                await using SweepFilesWriter empty = SweepFilesWriter.CreatePart(directory, sweepId, 0, held, testSample, abandon);
                await empty.CompleteAsync();
                await _commit(1, abandon);
            }
        }
        finally
        {
            if (files is not null)
            {
                await files.DisposeAsync();
            }
            if (_reused is not null)
            {
                await _reused.DisposeAsync();
            }
        }
    }

    /// <summary>A reused run's record, read from the sweep that committed it; fetched (so trained again) if it is not there after all.</summary>
    private async Task<RunRecord> ReusedAsync(int position, CancellationToken abandon)
    {
        RunSpec run = _order[position];
        int attempts;
        lock (_status)
        {
            attempts = _attempts[position];
        }
        try
        {
            if (await _reused!.ReadAsync(position, abandon) is { } record)
            {
                return record with { Attempts = attempts };
            }
        }
        catch (Exception) when (!abandon.IsCancellationRequested)
        {
            // Unreadable after all (the other sweep's files changed since they were indexed): the run trains again.
        }
        return await RecordOfAsync(position, abandon);
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
        for (int fetch = 1, waits = 1; ; waits++)
        {
            try
            {
                // The run grain answers null while the run trains: a run whose result went with its silo (results
                // are held in memory until committed) trains again when asked for it.
                if (await _fetch(run) is { } result)
                {
                    return result with { Attempts = attempts };
                }
                if (waits >= MaxWaits)
                {
                    Interlocked.Increment(ref _madeFailed);
                    return RunRecords.Failed(run, run.Key, "the run reported completion but no result came within " + MaxWaits + " asks", attempts, "");
                }
            }
            catch (Exception) when (!abandon.IsCancellationRequested && fetch++ < MaxFetches)
            {
            }
            await Task.Delay(_retryDelay, abandon);
        }
    }
}
