using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// The coordinator's bookkeeping, free of Orleans: which runs are pending, running, completed or failed, with
/// at most <c>concurrency</c> running, and a failed run retried <c>retries</c> times before it is recorded as failed.
/// Runs start in run-key order, the results files' order; a retry goes first, so the files wait for it briefly.
/// </summary>
public sealed class SweepLedger
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly Queue<string> _queue = new();
    private readonly Queue<string> _retrying = new();
    // The runs that have an outcome worth persisting (failed, or more than one attempt): the state's saves (one per
    // commit) read these, not every run of a 1,000,000-run sweep.
    private readonly HashSet<Entry> _noted = [];
    private readonly int _concurrency;
    private readonly int _retries;

    /// <param name="finished">Runs that already ended (a resumed sweep's persisted outcomes): counted, never started again, but for a run that completed above <paramref name="written"/>, whose result was not committed, which is asked again.</param>
    /// <param name="written">
    /// The first <paramref name="written"/> runs in run-key order ended (they are committed): those without an outcome
    /// in <paramref name="finished"/> completed at their first attempt.
    /// </param>
    /// <param name="reused">By position in run-key order: runs another sweep committed, completed without being started.</param>
    public SweepLedger(IReadOnlyList<RunSpec> runs, int concurrency, int retries, IReadOnlyDictionary<string, RunOutcome>? finished = null, int written = 0,
        Func<int, bool>? reused = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _entries = runs.Select(r => new Entry(r, r.Key)).ToDictionary(e => e.Key);
        // Started in run-key order, the order of the results files, so they can be written while the sweep runs.
        int position = 0;
        foreach (Entry entry in _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            bool done = position < written || reused?.Invoke(position) == true;
            RunOutcome? outcome = null;
            if (finished?.TryGetValue(entry.Key, out outcome) == true && outcome.Status == RunStatus.Completed && !done)
            {
                outcome = null; // completed, but its result was never committed: asked again
            }
            if (outcome is null && done)
            {
                outcome = new RunOutcome(RunStatus.Completed, 1, null);
            }
            position++;
            if (outcome is { Status: RunStatus.Completed or RunStatus.Failed })
            {
                (entry.Status, entry.Attempts, entry.Error) = (outcome.Status, outcome.Attempts, outcome.Error);
                Note(entry);
                Completed += outcome.Status == RunStatus.Completed ? 1 : 0;
                Failed += outcome.Status == RunStatus.Failed ? 1 : 0;
                continue;
            }
            _queue.Enqueue(entry.Key);
        }
        _concurrency = concurrency;
        _retries = retries;
    }

    public int Total => _entries.Count;

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public int Running { get; private set; }

    public bool IsDone => Completed + Failed == Total;

    /// <summary>The runs to start now, marked running: as many queued runs as the concurrency bound allows.</summary>
    public IReadOnlyList<RunSpec> TakeStartable()
    {
        var start = new List<RunSpec>();
        while (Running < _concurrency && (_retrying.TryDequeue(out string? key) || _queue.TryDequeue(out key)))
        {
            Entry entry = _entries[key];
            entry.Status = RunStatus.Running;
            Running++;
            start.Add(entry.Spec);
        }
        return start;
    }

    /// <summary>Records a running run's end. A report for a run that is not running (late or repeated) is ignored and returns false.</summary>
    public bool Finish(string runKey, RunStatus status, string? error)
    {
        if (!_entries.TryGetValue(runKey, out Entry? entry) || entry.Status != RunStatus.Running)
        {
            return false;
        }
        Running--;
        entry.Attempts++;
        if (status == RunStatus.Completed)
        {
            entry.Status = RunStatus.Completed;
            Completed++;
        }
        else
        {
            entry.Error = error ?? "unknown error";
            if (entry.Attempts <= _retries)
            {
                entry.Status = RunStatus.Pending;
                _retrying.Enqueue(runKey);
            }
            else
            {
                entry.Status = RunStatus.Failed;
                Failed++;
            }
        }
        Note(entry);
        return true;
    }

    /// <summary>One run with where it is, its attempts so far and its last error.</summary>
    public (RunSpec Spec, RunStatus Status, int Attempts, string? Error) Lookup(string runKey)
    {
        Entry e = _entries[runKey];
        return (e.Spec, e.Status, e.Attempts, e.Error);
    }

    /// <summary>The runs in flight: a coordinator asks them again from time to time, so a run lost with its silo starts over elsewhere.</summary>
    public IReadOnlyList<RunSpec> InFlight => [.. _entries.Values.Where(e => e.Status == RunStatus.Running).Select(e => e.Spec)];

    /// <summary>
    /// What a coordinator persists of the runs that ended: those that failed for good or needed more than one attempt,
    /// with their attempts and last error. A run that completed at its first attempt needs no record: it is below the
    /// committed count, or it is asked again. So the state written per save stays small however many runs finish.
    /// </summary>
    public Dictionary<string, RunOutcome> Outcomes() =>
        _noted.Where(e => e.Status == RunStatus.Failed || (e.Status == RunStatus.Completed && e.Attempts > 1))
            .ToDictionary(e => e.Key, e => new RunOutcome(e.Status, e.Attempts, e.Error));

    private void Note(Entry entry)
    {
        if (entry.Attempts > 1 || entry.Status == RunStatus.Failed || entry.Error is not null)
        {
            _noted.Add(entry);
        }
    }

    /// <summary>Every run with where it is, its attempts so far and its last error.</summary>
    public IEnumerable<(RunSpec Spec, RunStatus Status, int Attempts, string? Error)> Entries =>
        _entries.Values.Select(e => (e.Spec, e.Status, e.Attempts, e.Error));

    private sealed class Entry(RunSpec spec, string key)
    {
        public RunSpec Spec { get; } = spec;

        public string Key { get; } = key;

        public RunStatus Status { get; set; } = RunStatus.Pending;

        public int Attempts { get; set; }

        public string? Error { get; set; }
    }
}
