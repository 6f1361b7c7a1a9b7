using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// The coordinator's bookkeeping, free of Orleans: which runs are pending, running, completed or failed, with
/// at most <c>concurrency</c> running, and a failed run retried <c>retries</c> times before it is recorded as failed.
/// Runs start in run-key order, the results files' order; a retry goes first, so the files wait for it briefly.
/// </summary>
public sealed class SweepLedger
{
    // By position in run-key order (RunOrder): a few bytes per run, whatever the sweep's size.
    private readonly RunOrder _order;
    private readonly RunStatus[] _status;
    private readonly int[] _attempts;
    private readonly Dictionary<int, string> _errors = [];
    private readonly Queue<int> _queue = new();
    private readonly Queue<int> _retrying = new();
    // The runs that have an outcome worth persisting (failed, or more than one attempt): the state's saves (one per
    // commit) read these, not every run of a 1,000,000-run sweep.
    private readonly HashSet<int> _noted = [];
    private readonly int _concurrency;
    private readonly int _retries;

    /// <param name="finished">Runs that already ended (a resumed sweep's persisted outcomes): counted, never started again, but for a run that completed above <paramref name="written"/>, whose result was not committed, which is asked again.</param>
    /// <param name="written">
    /// The first <paramref name="written"/> runs in run-key order ended (they are committed): those without an outcome
    /// in <paramref name="finished"/> completed at their first attempt.
    /// </param>
    /// <param name="reused">By position in run-key order: runs another sweep committed, completed without being started.</param>
    public SweepLedger(RunOrder order, int concurrency, int retries, IReadOnlyDictionary<string, RunOutcome>? finished = null, int written = 0,
        Func<int, bool>? reused = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _order = order;
        _status = new RunStatus[order.Count];
        _attempts = new int[order.Count];
        // Started in run-key order, the order of the results files, so they can be written while the sweep runs.
        for (int position = 0; position < order.Count; position++)
        {
            bool done = position < written || reused?.Invoke(position) == true;
            RunOutcome? outcome = null;
            if (finished?.TryGetValue(order.Keys[position], out outcome) == true && outcome.Status == RunStatus.Completed && !done)
            {
                outcome = null; // completed, but its result was never committed: asked again
            }
            if (outcome is null && done)
            {
                outcome = new RunOutcome(RunStatus.Completed, 1, null);
            }
            if (outcome is { Status: RunStatus.Completed or RunStatus.Failed })
            {
                (_status[position], _attempts[position]) = (outcome.Status, outcome.Attempts);
                if (outcome.Error is not null)
                {
                    _errors[position] = outcome.Error;
                }
                Note(position);
                Completed += outcome.Status == RunStatus.Completed ? 1 : 0;
                Failed += outcome.Status == RunStatus.Failed ? 1 : 0;
                continue;
            }
            _status[position] = RunStatus.Pending;
            _queue.Enqueue(position);
        }
        _concurrency = concurrency;
        _retries = retries;
    }

    /// <summary>The ledger of <paramref name="runs"/> in any order (see the other constructor).</summary>
    public SweepLedger(IReadOnlyList<RunSpec> runs, int concurrency, int retries, IReadOnlyDictionary<string, RunOutcome>? finished = null, int written = 0,
        Func<int, bool>? reused = null)
        : this(new RunOrder(runs), concurrency, retries, finished, written, reused)
    {
    }

    public int Total => _order.Count;

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public int Running { get; private set; }

    public bool IsDone => Completed + Failed == Total;

    /// <summary>The runs to start now, marked running: as many queued runs as the concurrency bound allows.</summary>
    public IReadOnlyList<RunSpec> TakeStartable()
    {
        var start = new List<RunSpec>();
        while (Running < _concurrency && (_retrying.TryDequeue(out int position) || _queue.TryDequeue(out position)))
        {
            _status[position] = RunStatus.Running;
            Running++;
            start.Add(_order.Runs[position]);
        }
        return start;
    }

    /// <summary>Records a running run's end. A report for a run that is not running (late or repeated) is ignored and returns false.</summary>
    public bool Finish(string runKey, RunStatus status, string? error)
    {
        if (!_order.TryGetPosition(runKey, out int position) || _status[position] != RunStatus.Running)
        {
            return false;
        }
        Running--;
        _attempts[position]++;
        if (status == RunStatus.Completed)
        {
            _status[position] = RunStatus.Completed;
            Completed++;
        }
        else
        {
            _errors[position] = error ?? "unknown error";
            if (_attempts[position] <= _retries)
            {
                _status[position] = RunStatus.Pending;
                _retrying.Enqueue(position);
            }
            else
            {
                _status[position] = RunStatus.Failed;
                Failed++;
            }
        }
        Note(position);
        return true;
    }

    /// <summary>One run with where it is, its attempts so far and its last error.</summary>
    public (RunSpec Spec, RunStatus Status, int Attempts, string? Error) Lookup(string runKey) =>
        _order.TryGetPosition(runKey, out int position) ? Entry(position) : throw new KeyNotFoundException($"Run {runKey} is not one of the sweep's.");

    /// <summary>The runs in flight: a coordinator asks them again from time to time, so a run lost with its silo starts over elsewhere.</summary>
    public IReadOnlyList<RunSpec> InFlight
    {
        get
        {
            var running = new List<RunSpec>(Running);
            for (int position = 0; position < _status.Length && running.Count < Running; position++)
            {
                if (_status[position] == RunStatus.Running)
                {
                    running.Add(_order.Runs[position]);
                }
            }
            return running;
        }
    }

    /// <summary>
    /// What a coordinator persists of the runs that ended: those that failed for good or needed more than one attempt,
    /// with their attempts and last error. A run that completed at its first attempt needs no record: it is below the
    /// committed count, or it is asked again. So the state written per save stays small however many runs finish.
    /// </summary>
    public Dictionary<string, RunOutcome> Outcomes() =>
        _noted.Where(p => _status[p] == RunStatus.Failed || (_status[p] == RunStatus.Completed && _attempts[p] > 1))
            .ToDictionary(p => _order.Keys[p], p => new RunOutcome(_status[p], _attempts[p], _errors.GetValueOrDefault(p)));

    /// <summary>Every run with where it is, its attempts so far and its last error, in run-key order.</summary>
    public IEnumerable<(RunSpec Spec, RunStatus Status, int Attempts, string? Error)> Entries =>
        Enumerable.Range(0, _order.Count).Select(Entry);

    private (RunSpec Spec, RunStatus Status, int Attempts, string? Error) Entry(int position) =>
        (_order.Runs[position], _status[position], _attempts[position], _errors.GetValueOrDefault(position));

    private void Note(int position)
    {
        if (_attempts[position] > 1 || _status[position] == RunStatus.Failed || _errors.ContainsKey(position))
        {
            _noted.Add(position);
        }
    }
}
