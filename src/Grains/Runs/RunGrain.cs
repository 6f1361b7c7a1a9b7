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
/// Runs one point through Core, off the grain scheduler, and keeps the result until a sweep fetches it: it owns the
/// run's key and its training, and hands the training to its silo's <see cref="SiloTrainer"/>, which may train it with
/// other runs (results do not depend on the company). Placed at random, so a sweep's runs spread over the cluster's
/// silos (results do not depend on the silo). Nothing is persisted: the sweep commits the result to its Parquet parts,
/// which later sweeps reuse, so storage does not grow with every run ever made; a result lost with its activation
/// (its silo died before the sweep fetched it) is trained again when asked for. When its silo shuts down gracefully
/// (SIGTERM), a run that is training finishes; one still waiting for a core is handed off: it reports nothing, and the
/// sweep, which asks its runs in flight again, starts it on another silo.
/// </summary>
[RandomPlacement]
public sealed class RunGrain(
    TaskCache tasks,
    SiloTrainer trainer,
    ILocalSiloDetails silo,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private readonly HashSet<string> _subscribers = [];
    // Sweeps that asked for the run and have not fetched its result: the activation (and its result) stays until they have.
    private readonly HashSet<string> _fetchers = [];
    private readonly CancellationTokenSource _handOff = new();
    private Task? _running;
    // Completed once the training ends (before the run reports to its sweeps), for fetches that wait for it.
    private TaskCompletionSource _trained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunRecord? _result;

    public Task<RunStatus> StartAsync(RunSpec spec, string sweepId, string? traceParent)
    {
        string key = this.GetPrimaryKeyString();
        if (spec.Key != key)
        {
            throw new ArgumentException($"Run grain {key} was asked to run a spec whose key is {spec.Key}.", nameof(spec));
        }
        _fetchers.Add(sweepId);
        if (_result is not null)
        {
            return Task.FromResult(RunStatus.Completed);
        }
        _subscribers.Add(sweepId);
        if (_running is null)
        {
            // A run receives no calls while it trains: keep the activation until its result is fetched.
            DelayDeactivation(TimeSpan.FromDays(1));
            _trained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _running = RunAndReportAsync(spec, traceParent);
        }
        return Task.FromResult(RunStatus.Running);
    }

    public async Task<RunRecord?> GetResultAsync(RunSpec spec, string sweepId)
    {
        if (_result is null)
        {
            // Not held (this activation is new: the one that trained it went with its silo, or went idle) or still
            // training: (re)start it and wait a little, so a run that trains in seconds is answered by this call
            // instead of by the caller's next ask. The training's own continuations run meanwhile; no other call does.
            await StartAsync(spec, sweepId, null);
            if (_running is not null)
            {
                await Task.WhenAny(_trained.Task, Task.Delay(ResultWait));
            }
        }
        if (_result is { } result)
        {
            // A sweep fetches a finished run's record once, to commit its rows: once every sweep that asked has it, the
            // activation need not outlive the answer (a sweep of 100,000 runs would otherwise hold every record it
            // fetched until collection).
            _fetchers.Remove(sweepId);
            if (_fetchers.Count == 0)
            {
                DeactivateOnIdle();
            }
            return result;
        }
        return null;
    }

    /// <summary>How long a fetch waits for a run that is training: well inside Orleans' response timeout (30 s).</summary>
    private static readonly TimeSpan ResultWait = TimeSpan.FromSeconds(10);

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
            _result = await Task.Run(() => ExecuteAsync(spec, traceParent));
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
            _trained.TrySetResult();
            _running = null;
            DelayDeactivation(TimeSpan.Zero); // kept until fetched, or until idle collection

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
