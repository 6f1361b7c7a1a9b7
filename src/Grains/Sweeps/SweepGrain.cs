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
    private SweepLedger? _ledger;
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
            if (_ledger is null || IsFinished(state.State.Phase))
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
        if (state.State.Spec is not null && _ledger is null && state.State.Phase is SweepPhase.Running or SweepPhase.Writing)
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
        // By default twice the cluster's cores are in flight: each silo's gate lets its cores train and keeps the
        // rest queued, so no core idles while a finished run reports back and the next one is activated.
        _ledger = new SweepLedger(state.State.Runs, spec.Concurrency ?? 2 * await ClusterCoresAsync(), spec.Retries);
        state.State.Phase = SweepPhase.Running;
        state.State.FinishedAt = null;
        state.State.Error = null;
        await state.WriteStateAsync();

        Activity? previous = Activity.Current;
        _span = RobustGridTelemetry.Source.StartActivity("sweep");
        _span?.SetTag("robustgrid.sweep.id", SweepId);
        _span?.SetTag("robustgrid.sweep.runs", _ledger.Total);
        _span?.SetTag("robustgrid.silo", silo.SiloAddress.ToString());
        Activity.Current = previous;

        if (_ledger.Total == 0)
        {
            _ = FinishAsync();
            return;
        }
        Pump();
    }

    /// <summary>Starts queued runs until the concurrency bound is reached.</summary>
    private void Pump()
    {
        foreach (RunSpec run in _ledger!.TakeStartable())
        {
            _ = StartRunAsync(run);
        }
    }

    private async Task StartRunAsync(RunSpec run)
    {
        try
        {
            RunStatus status = await GrainFactory.GetGrain<IRunGrain>(run.Key).StartAsync(run, SweepId, _span?.Id);
            if (status == RunStatus.Completed)
            {
                OnRunFinished(run.Key, RunStatus.Completed, null);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Starting run {RunKey} failed", run.Key);
            OnRunFinished(run.Key, RunStatus.Failed, $"could not start the run: {e.Message}");
        }
    }

    private void OnRunFinished(string runKey, RunStatus status, string? error)
    {
        if (_ledger is null || !_ledger.Finish(runKey, status, error))
        {
            return; // a late or repeated report
        }
        if (_ledger.IsDone)
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
        SweepPhase final;
        try
        {
            RunRecord[] records = await Task.WhenAll(_ledger!.Entries.Select(e => CollectAsync(e.Spec, e.Status, e.Attempts, e.Error)));
            string directory = SweepIds.ResultsDirectory(options.Value.ResultsDirectory, SweepId);
            await Task.Run(() => SweepResultsWriter.WriteAsync(directory, SweepId, records, TestSample));
            state.State.Failed = records.Count(r => r.Status == RunStatus.Failed);
            state.State.ResultsDirectory = directory;
            final = state.State.Failed > 0 ? SweepPhase.CompletedWithFailures : SweepPhase.Completed;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing the results of sweep {SweepId} failed", SweepId);
            state.State.Error = $"writing results failed: {e.Message}";
            _span?.SetStatus(ActivityStatusCode.Error, e.Message);
            final = SweepPhase.Failed;
        }
        // The span ends before anyone can see the sweep finished, so a finished sweep's trace is complete.
        _span?.Stop();
        _span = null;
        state.State.Phase = final;
        state.State.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
    }

    private async Task<RunRecord> CollectAsync(RunSpec run, RunStatus status, int attempts, string? error)
    {
        if (status == RunStatus.Completed)
        {
            RunRecord? result = await GrainFactory.GetGrain<IRunGrain>(run.Key).GetResultAsync();
            if (result is not null)
            {
                return result;
            }
            error = "the run reported completion but holds no result";
        }
        return RunRecords.Failed(run, run.Key, error ?? "unknown error", attempts, "");
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
        if (_ledger is null)
        {
            return new SweepProgress(SweepId, s.Phase, s.Runs.Length, s.Runs.Length - s.Failed, s.Failed, 0, faults, s.ResultsDirectory, s.StartedAt, s.FinishedAt);
        }
        return new SweepProgress(SweepId, s.Phase, _ledger.Total, _ledger.Completed, _ledger.Failed, _ledger.Running, faults, s.ResultsDirectory, s.StartedAt, s.FinishedAt);
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
}
