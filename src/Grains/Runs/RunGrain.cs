using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Data;

namespace RobustGrid.Grains.Runs;

/// <summary>
/// Runs one point through Core, off the grain scheduler, and keeps the result: it owns the run's key, state, stored
/// result and retries, and hands the training to its silo's <see cref="SiloTrainer"/>, which may train it with other
/// runs (results do not depend on the company). Placed at random, so a sweep's runs spread over the cluster's silos
/// (results do not depend on the silo). When its silo shuts down gracefully
/// (SIGTERM), a run that is training finishes and stores its result; one still waiting for a core is handed off:
/// it reports nothing, and the sweep, which asks its runs in flight again, starts it on another silo.
/// </summary>
[RandomPlacement]
public sealed class RunGrain(
    [PersistentState("run", StorageNames.Runs)] IPersistentState<RunState> state,
    TaskCache tasks,
    SiloTrainer trainer,
    ILocalSiloDetails silo,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private readonly HashSet<string> _subscribers = [];
    private readonly CancellationTokenSource _handOff = new();
    private Task? _running;
    private bool _stateJustRead = true;

    public async Task<RunStatus> StartAsync(RunSpec spec, string sweepId, string? traceParent)
    {
        string key = this.GetPrimaryKeyString();
        if (spec.Key != key)
        {
            throw new ArgumentException($"Run grain {key} was asked to run a spec whose key is {spec.Key}.", nameof(spec));
        }
        if (_running is null)
        {
            if (state.State.Result is null && !_stateJustRead)
            {
                // Another activation of this run (on a silo since lost, or during a membership change) may have
                // stored the result after this one read its state: look again before training. (A fresh
                // activation has just read it; should it still race, the storage's etag check refuses its write.)
                await RefreshAsync();
            }
            _stateJustRead = false;
            if (state.State.Result is not null)
            {
                return RunStatus.Completed;
            }
        }
        // While the run trains or stores its result it is running: a result is done only once it is in storage
        // (requests interleave with the run's own awaits, so the in-memory result alone says nothing).
        _subscribers.Add(sweepId);
        if (_running is null)
        {
            // A run receives no calls while it trains: keep the activation until it has stored its result.
            DelayDeactivation(TimeSpan.FromDays(1));
            _running = RunAndReportAsync(spec, traceParent);
        }
        return RunStatus.Running;
    }

    public async Task<RunRecord?> GetResultAsync()
    {
        if (_running is not null)
        {
            return null;
        }
        if (state.State.Result is null)
        {
            await RefreshAsync();
        }
        if (state.State.Result is not null)
        {
            // A sweep fetches a finished run's record once, to write its rows: the activation need not outlive the
            // answer (a sweep of 100,000 runs would otherwise hold every record it fetched until collection).
            DeactivateOnIdle();
        }
        return state.State.Result;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _handOff.Cancel();
        if (_running is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Run {RunKey} did not finish before its silo stopped; its sweep starts it again elsewhere", this.GetPrimaryKeyString());
            }
        }
    }

    private async Task RunAndReportAsync(RunSpec spec, string? traceParent)
    {
        string key = this.GetPrimaryKeyString();
        string? error = null;
        try
        {
            RunRecord record = await Task.Run(() => ExecuteAsync(spec, traceParent));
            state.State.Result = record;
            try
            {
                await StoreAsync();
            }
            catch
            {
                // Not known to be stored, so not done. The write may have landed all the same (the reply was lost)
                // or another activation may have stored it: a later ask reads storage again before training.
                state.State.Result = null;
                throw;
            }
        }
        catch (OperationCanceledException) when (_handOff.IsCancellationRequested)
        {
            logger.LogInformation("Run {RunKey} handed off: its silo is stopping before it started", key);
            return;
        }
        catch (Exception e)
        {
            error = e is ArgumentException or Core.Data.DatasetException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            RobustGridTelemetry.RunsFailed.Add(1);
            logger.LogWarning(e, "Run {RunKey} failed", key);
        }
        finally
        {
            _running = null;
            DelayDeactivation(TimeSpan.Zero);
        }

        RunStatus status = error is null ? RunStatus.Completed : RunStatus.Failed;
        string[] subscribers = [.. _subscribers];
        _subscribers.Clear();
        foreach (string sweepId in subscribers)
        {
            try
            {
                await GrainFactory.GetGrain<ISweepGrain>(sweepId).RunFinishedAsync(key, status, error);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not report run {RunKey} to sweep {SweepId}", key, sweepId);
            }
        }
    }

    /// <summary>
    /// Stores the result, retrying for about half a minute while storage is unavailable (a Redis restart, or Redis
    /// still loading its append-only file): the result is worth keeping, and storage's absence is not the run's
    /// failure. A concurrency conflict is not retried: another activation stored the run.
    /// </summary>
    private async Task StoreAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (Exception e) when (e is not Orleans.Storage.InconsistentStateException && attempt < StoreAttempts && !_handOff.IsCancellationRequested)
            {
                logger.LogDebug(e, "Storing run {RunKey} failed (attempt {Attempt}); retrying", this.GetPrimaryKeyString(), attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, 0.25 * (1 << Math.Min(attempt, 5)))));
            }
        }
    }

    private const int StoreAttempts = 10;

    /// <summary>Reads the stored state again (its result and etag); storage being unreachable leaves things as they are.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the state of run {RunKey} failed", this.GetPrimaryKeyString());
        }
    }

    private async Task<RunRecord> ExecuteAsync(RunSpec spec, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out ActivityContext parent);
        using Activity? span = RobustGridTelemetry.Source.StartActivity("run", ActivityKind.Internal, parent);
        span?.SetTag("robustgrid.run.key", spec.Key);
        span?.SetTag("robustgrid.silo", silo.SiloAddress.ToString());
        span?.SetTag("robustgrid.dataset", spec.DatasetName);
        span?.SetTag("robustgrid.pair", $"{spec.NegativeClass},{spec.PositiveClass}");
        span?.SetTag("robustgrid.mode", EnumNames.Name(spec.Mode));
        span?.SetTag("robustgrid.norm", EnumNames.Name(spec.Norm));
        span?.SetTag("robustgrid.eps", spec.Eps);
        span?.SetTag("robustgrid.seed", spec.Seed);

        RobustGridTelemetry.RunsStarted.Add(1);
        var task = tasks.BinaryTaskFor(spec.Dataset, spec.NegativeClass, spec.PositiveClass);
        if (task.DatasetHash != spec.DatasetHash)
        {
            throw new ArgumentException($"The dataset at {spec.Dataset} has content hash {task.DatasetHash[..16]}, not the {spec.DatasetHash[..16]} the sweep planned with; it changed on this silo.");
        }
        // The silo's trainer trains the run on one of the silo's cores, with other runs that share its batches.
        RunResult result = await trainer.TrainAsync(task, spec.ToPoint(), _handOff.Token);
        RobustGridTelemetry.RunsCompleted.Add(1);
        RobustGridTelemetry.RunDuration.Record(result.Seconds);
        return RunRecords.Completed(spec, result, silo.SiloAddress.ToString());
    }
}
