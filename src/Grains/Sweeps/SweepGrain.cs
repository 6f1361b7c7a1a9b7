using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Hosting;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Coordinates one sweep. No call waits for a run: runs are started with calls that return at once and report
/// back through <see cref="RunFinishedAsync"/>; the Parquet files are written in the background when all are done.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepState> state,
    TaskCache tasks,
    IOptions<RobustGridOptions> options,
    ILocalSiloDetails silo,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private Dictionary<string, RunEntry>? _entries;
    private readonly Queue<string> _queue = new();
    private int _concurrency;
    private int _running, _completed, _failed;
    private Activity? _span;

    private string SweepId => this.GetPrimaryKeyString();

    public async Task<SweepProgress> StartAsync(SweepSpec spec)
    {
        if (SweepIds.Validate(SweepId) is { } badId)
        {
            return Rejected(badId);
        }
        if (state.State.Spec is { } existing)
        {
            if (!SameSpec(existing, spec))
            {
                return Rejected($"sweep '{SweepId}' already exists with a different spec; choose another sweep id.");
            }
            if (_entries is null || IsFinished(state.State.Phase))
            {
                await BeginAsync();
            }
            return Progress();
        }

        SweepPlanner.Plan plan = SweepPlanner.Create(spec, tasks.Dataset, options.Value.MaxRunsPerSweep);
        if (plan.Faults.Count > 0)
        {
            return Rejected(plan.Faults.ToArray());
        }
        state.State.Spec = spec;
        state.State.Runs = [.. plan.Runs];
        state.State.StartedAt = DateTimeOffset.UtcNow;
        await BeginAsync();
        return Progress();
    }

    public async Task<SweepProgress> GetProgressAsync()
    {
        if (state.State.Spec is not null && _entries is null && state.State.Phase is SweepPhase.Running or SweepPhase.Writing)
        {
            await BeginAsync(); // this activation is new: resume the sweep its state describes
        }
        return state.State.Spec is null ? SweepProgress.Unknown(SweepId) : Progress();
    }

    public Task RunFinishedAsync(string runKey, RunStatus status, string? error)
    {
        OnRunFinished(runKey, status, error);
        return Task.CompletedTask;
    }

    private async Task BeginAsync()
    {
        SweepSpec spec = state.State.Spec!;
        _entries = state.State.Runs.ToDictionary(r => r.Key, r => new RunEntry(r));
        _queue.Clear();
        foreach (string key in _entries.Keys)
        {
            _queue.Enqueue(key);
        }
        _running = _completed = _failed = 0;
        // By default twice the cluster's cores are in flight: each silo's gate lets its cores train and keeps the
        // rest queued, so no core idles while a finished run reports back and the next one is activated.
        _concurrency = spec.Concurrency ?? 2 * await ClusterCoresAsync();
        state.State.Phase = SweepPhase.Running;
        state.State.FinishedAt = null;
        state.State.Error = null;
        await state.WriteStateAsync();

        Activity? previous = Activity.Current;
        _span = RobustGridTelemetry.Source.StartActivity("sweep");
        _span?.SetTag("robustgrid.sweep.id", SweepId);
        _span?.SetTag("robustgrid.sweep.runs", _entries.Count);
        _span?.SetTag("robustgrid.silo", silo.SiloAddress.ToString());
        Activity.Current = previous;

        if (_entries.Count == 0)
        {
            _ = FinishAsync();
            return;
        }
        Pump();
    }

    /// <summary>Starts queued runs until the concurrency bound is reached.</summary>
    private void Pump()
    {
        while (_running < _concurrency && _queue.TryDequeue(out string? key))
        {
            RunEntry entry = _entries![key];
            entry.Status = RunStatus.Running;
            _running++;
            _ = StartRunAsync(entry);
        }
    }

    private async Task StartRunAsync(RunEntry entry)
    {
        try
        {
            RunStatus status = await GrainFactory.GetGrain<IRunGrain>(entry.Spec.Key).StartAsync(entry.Spec, SweepId, _span?.Id);
            if (status == RunStatus.Completed)
            {
                OnRunFinished(entry.Spec.Key, RunStatus.Completed, null);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Starting run {RunKey} failed", entry.Spec.Key);
            OnRunFinished(entry.Spec.Key, RunStatus.Failed, $"could not start the run: {e.Message}");
        }
    }

    private void OnRunFinished(string runKey, RunStatus status, string? error)
    {
        if (_entries is null || !_entries.TryGetValue(runKey, out RunEntry? entry) || entry.Status != RunStatus.Running)
        {
            return; // a late or repeated report
        }
        _running--;
        if (status == RunStatus.Completed)
        {
            entry.Status = RunStatus.Completed;
            _completed++;
        }
        else
        {
            entry.Attempts++;
            entry.Error = error;
            if (entry.Attempts <= state.State.Spec!.Retries)
            {
                entry.Status = RunStatus.Pending;
                _queue.Enqueue(runKey);
            }
            else
            {
                entry.Status = RunStatus.Failed;
                _failed++;
            }
        }
        if (_completed + _failed == _entries.Count)
        {
            _ = FinishAsync();
        }
        else
        {
            Pump();
        }
    }

    private async Task FinishAsync()
    {
        state.State.Phase = SweepPhase.Writing;
        try
        {
            RunRecord[] records = await Task.WhenAll(_entries!.Values.Select(CollectAsync));
            string directory = SweepIds.ResultsDirectory(options.Value.ResultsDirectory, SweepId);
            await Task.Run(() => SweepResultsWriter.WriteAsync(directory, SweepId, records, TestSample));
            state.State.Failed = records.Count(r => r.Status == RunStatus.Failed);
            state.State.Phase = state.State.Failed > 0 ? SweepPhase.CompletedWithFailures : SweepPhase.Completed;
            state.State.ResultsDirectory = directory;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing the results of sweep {SweepId} failed", SweepId);
            state.State.Phase = SweepPhase.Failed;
            state.State.Error = $"writing results failed: {e.Message}";
            _span?.SetStatus(ActivityStatusCode.Error, e.Message);
        }
        state.State.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        _span?.Stop();
        _span = null;
    }

    private async Task<RunRecord> CollectAsync(RunEntry entry)
    {
        if (entry.Status == RunStatus.Completed)
        {
            RunRecord? result = await GrainFactory.GetGrain<IRunGrain>(entry.Spec.Key).GetResultAsync();
            if (result is not null)
            {
                return result;
            }
            entry.Error = "the run reported completion but holds no result";
        }
        return RunRecords.Failed(entry.Spec, entry.Spec.Key, entry.Error ?? "unknown error", entry.Attempts, "");
    }

    private TestSample TestSample(RunRecord run, int testIndex)
    {
        var task = tasks.Task(run.Spec.Dataset, run.Spec.NegativeClass, run.Spec.PositiveClass);
        var dataset = tasks.Dataset(run.Spec.Dataset);
        return new TestSample(task.Test.Row(testIndex).ToArray(), dataset.Test.Rows, dataset.Test.Columns, task.Test.Labels[testIndex]);
    }

    private SweepProgress Progress()
    {
        SweepState s = state.State;
        string[] faults = s.Error is null ? [] : [s.Error];
        if (_entries is null)
        {
            return new SweepProgress(SweepId, s.Phase, s.Runs.Length, s.Runs.Length - s.Failed, s.Failed, 0, faults, s.ResultsDirectory, s.StartedAt, s.FinishedAt);
        }
        return new SweepProgress(SweepId, s.Phase, _entries.Count, _completed, _failed, _running, faults, s.ResultsDirectory, s.StartedAt, s.FinishedAt);
    }

    private SweepProgress Rejected(params string[] faults) =>
        new(SweepId, SweepPhase.Rejected, 0, 0, 0, 0, faults, null, null, null);

    private async Task<int> ClusterCoresAsync()
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return Math.Max(1, hosts.Count) * Environment.ProcessorCount;
    }

    private static bool IsFinished(SweepPhase phase) => phase is SweepPhase.Completed or SweepPhase.CompletedWithFailures or SweepPhase.Failed;

    private static bool SameSpec(SweepSpec a, SweepSpec b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private sealed class RunEntry(RunSpec spec)
    {
        public RunSpec Spec { get; } = spec;

        public RunStatus Status { get; set; } = RunStatus.Pending;

        public int Attempts { get; set; }

        public string? Error { get; set; }
    }
}
