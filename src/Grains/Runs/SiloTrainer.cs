using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RobustGrid.Core.Data;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Grains.Runs;

/// <summary>
/// The silo's trainer (a service, not a grain): run grains hand it their points, and it trains the ones that can
/// share batches in groups of up to <see cref="FusedTrainingOptions.GroupSize"/> on the silo's run slots
/// (<see cref="RunExecutionGate"/>), answering each grain with its own result.
/// <para>
/// Grouping rule: when a slot is free, the oldest waiting point opens a group, which takes the waiting points of the
/// same task, hyper-parameters and (for shuffled runs) seed, oldest first; while it has fewer than GroupSize members
/// it waits for more up to <see cref="FusedTrainingOptions.Window"/> from the oldest one's arrival. Since a run's
/// result has the same bits in any group (<see cref="Core.Training.FusedTrainer"/>), grouping changes only speed.
/// </para>
/// <para>
/// Isolation: a point is checked alone before it may join a group, and one whose wait is cancelled (its silo handing
/// it off) leaves the queue. Once a group trains, its members train to the end. Should a group fail as a whole,
/// each member is trained again alone, so a failure reaches only the run that causes it.
/// </para>
/// </summary>
public sealed class SiloTrainer : IDisposable
{
    /// <summary>What trains a group: <see cref="RunExecutor.ExecuteGroup"/>; tests put a failing one in its place.</summary>
    public delegate RunResult?[] GroupExecutor(BinaryTask task, IReadOnlyList<RunPoint> points, IReadOnlyList<ActivityContext> parents);

    private readonly RunExecutionGate _gate;
    private readonly FusedTrainingOptions _options;
    private readonly GroupExecutor _execute;
    private readonly ILogger<SiloTrainer> _logger;
    private readonly LinkedList<Request> _waiting = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _lock = new();
    private Task? _dispatcher;

    public SiloTrainer(RunExecutionGate gate, FusedTrainingOptions options, ILogger<SiloTrainer> logger, GroupExecutor? execute = null)
    {
        _gate = gate;
        _options = options;
        _logger = logger;
        _execute = execute ?? ((task, points, parents) => RunExecutor.ExecuteGroup(task, points, parents: parents));
    }

    /// <summary>Groups formed so far, and the runs they trained: telemetry for tests and benchmarks.</summary>
    public (long Groups, long Runs) Trained => (Interlocked.Read(ref _groups), Interlocked.Read(ref _runs));

    /// <summary>The mean wall time of a run trained so far (its share of its group's), in seconds; 0 before any.</summary>
    public double MeanRunSeconds
    {
        get
        {
            lock (_lock)
            {
                return _finished == 0 ? 0 : _secondsSum / _finished;
            }
        }
    }

    private long _groups;
    private long _runs;
    private long _finished;
    private double _secondsSum;

    /// <summary>
    /// Trains and evaluates <paramref name="point"/> on <paramref name="task"/>, with other runs when they can share its
    /// batches. Throws <see cref="ArgumentException"/> at once for a point that is invalid or names another task, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires before its group starts.
    /// </summary>
    public Task<RunResult> TrainAsync(BinaryTask task, RunPoint point, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> faults = point.Validate();
        if (faults.Count > 0)
        {
            throw new ArgumentException("Invalid run point: " + string.Join(" ", faults), nameof(point));
        }
        if (point.DatasetHash != task.DatasetHash || point.NegativeClass != task.NegativeClass || point.PositiveClass != task.PositiveClass)
        {
            throw new ArgumentException($"The run point names dataset {point.DatasetHash} pair {point.NegativeClass},{point.PositiveClass}, not the task's.", nameof(point));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(task, point, Activity.Current?.Context ?? default, cancellationToken);
        lock (_lock)
        {
            request.Node = _waiting.AddLast(request);
            _dispatcher ??= Task.Run(DispatchAsync);
        }
        request.Registration = cancellationToken.Register(() => Withdraw(request));
        _arrived.Release();
        return request.Answer.Task;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_lock)
        {
            foreach (Request request in _waiting)
            {
                request.Answer.TrySetCanceled();
            }
            _waiting.Clear();
        }
    }

    private void Withdraw(Request request)
    {
        lock (_lock)
        {
            if (request.Node?.List is null)
            {
                return; // already in a group
            }
            _waiting.Remove(request.Node);
        }
        request.Answer.TrySetCanceled(request.Cancellation);
    }

    /// <summary>For every free slot, the next group: opened by the oldest waiting point, filled for up to the window.</summary>
    private async Task DispatchAsync()
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                IDisposable lease = await _gate.EnterAsync(stopping);
                List<Request> group;
                try
                {
                    group = await NextGroupAsync(stopping);
                }
                catch
                {
                    lease.Dispose();
                    throw;
                }
                _ = Task.Run(() =>
                {
                    using (lease)
                    {
                        Train(group);
                    }
                });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<List<Request>> NextGroupAsync(CancellationToken stopping)
    {
        while (true)
        {
            Request? first;
            int compatible;
            lock (_lock)
            {
                first = _waiting.First?.Value;
                compatible = first is null ? 0 : _waiting.Count(r => r.Key == first.Key);
            }
            if (first is null)
            {
                await _arrived.WaitAsync(stopping);
                continue;
            }
            TimeSpan left = _options.Window - Stopwatch.GetElapsedTime(first.Arrived);
            if (compatible < _options.GroupSize && left > TimeSpan.Zero)
            {
                await _arrived.WaitAsync(left, stopping);
                continue;
            }
            lock (_lock)
            {
                if (_waiting.First?.Value != first)
                {
                    continue; // the oldest was withdrawn meanwhile
                }
                var group = new List<Request>(_options.GroupSize);
                for (LinkedListNode<Request>? node = _waiting.First; node is not null && group.Count < _options.GroupSize;)
                {
                    LinkedListNode<Request>? next = node.Next;
                    if (node.Value.Key == first.Key)
                    {
                        _waiting.Remove(node);
                        group.Add(node.Value);
                    }
                    node = next;
                }
                return group;
            }
        }
    }

    private void Train(List<Request> group)
    {
        foreach (Request request in group)
        {
            request.Registration.Dispose();
        }
        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _runs, group.Count);
        RunResult?[] results;
        try
        {
            results = _execute(group[0].Task, group.Select(r => r.Point).ToArray(), group.Select(r => r.Parent).ToArray());
        }
        catch (Exception e) when (group.Count > 1)
        {
            _logger.LogWarning(e, "A group of {Count} runs failed; training its members one by one", group.Count);
            foreach (Request request in group)
            {
                Train([request]);
            }
            return;
        }
        catch (Exception e)
        {
            group[0].Answer.TrySetException(e);
            return;
        }
        for (int q = 0; q < group.Count; q++)
        {
            if (results[q] is { } result)
            {
                lock (_lock)
                {
                    _finished++;
                    _secondsSum += result.Seconds;
                }
                group[q].Answer.TrySetResult(result);
            }
            else
            {
                group[q].Answer.TrySetCanceled();
            }
        }
    }

    /// <summary>What must be equal for runs to share batches: the task, the hyper-parameters, and the seed when shuffling.</summary>
    private readonly record struct GroupKey(BinaryTask Task, HyperParameters HyperParameters, long? ShuffleSeed);

    private sealed class Request(BinaryTask task, RunPoint point, ActivityContext parent, CancellationToken cancellation)
    {
        public BinaryTask Task { get; } = task;

        public RunPoint Point { get; } = point;

        public ActivityContext Parent { get; } = parent;

        public CancellationToken Cancellation { get; } = cancellation;

        public GroupKey Key { get; } = new(task, point.HyperParameters, point.HyperParameters.Shuffle ? point.Seed : null);

        public long Arrived { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<RunResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Request>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
