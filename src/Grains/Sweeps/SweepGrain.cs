using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;
using RobustGrid.Results.Committed;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Coordinates one sweep. No call waits for a run: runs are started with calls that return at once and report
/// back through <see cref="RunFinishedAsync"/>; the results are committed to Parquet parts in the background while they
/// finish (<see cref="SweepResultsStream"/>), each commit recorded in the state.
/// The sweep survives the loss of any silo: its state (spec, how far the commits go, runs that failed) is persisted;
/// a new activation, woken by any call or by a reminder, resumes from the last commit; runs in flight are asked again
/// periodically, so one lost with its silo starts over elsewhere.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepState> state,
    TaskCache tasks,
    IOptions<RobustGridOptions> options,
    ILocalSiloDetails silo,
    FusedTrainingOptions training,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    // Made on activation, once the grain knows its id.
    private SweepStateWriter _writer = null!;
    private SweepUpkeep _upkeep = null!;
    private RunCaller _caller = null!;
    private SweepLedger? _ledger;
    private SweepResultsStream? _results;
    private SweepSpan? _span;
    private IReadOnlyList<RunSpec> _runs = [];
    private int _mostLag = int.MaxValue;
    private SweepCommitter? _committer;
    private bool _waitingForFiles;

    private string SweepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new SweepStateWriter(state.WriteStateAsync, FillState, logger, SweepId, isFenced: e => e is Orleans.Storage.InconsistentStateException);
        _upkeep = new SweepUpkeep(this, logger, SweepId);
        _caller = new RunCaller(run => GrainFactory.GetGrain<IRunGrain>(run.Key).StartAsync(run, SweepId, _span?.Id), OnRunFinished, logger);
        if (state.State.Spec is not null && state.State.Phase is SweepPhase.Running or SweepPhase.Writing)
        {
            logger.LogInformation("Sweep {SweepId} resumes on {Silo} with {Committed} of {Total} runs committed",
                SweepId, silo.SiloAddress, state.State.Committed, state.State.Total);
            if (Replan() is { } changed)
            {
                state.State.Phase = SweepPhase.Failed;
                state.State.Error = changed;
                state.State.FinishedAt = DateTimeOffset.UtcNow;
                await _writer.TrySaveAsync(attempts: 1);
                return;
            }
            await BeginAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => AbandonResultsAsync();

    public async Task<SweepProgress> StartAsync(SweepSpec spec)
    {
        if (SweepIds.Validate(SweepId) is { } badId)
        {
            return Rejected(badId);
        }
        if (state.State.Spec is { } existing)
        {
            if (SweepPlanCheck.SpecDifference(existing, spec, tasks.Dataset) is { } differs)
            {
                return Rejected($"sweep '{SweepId}' already exists with a different spec ({differs}); choose another sweep id.");
            }
            // The same results: execution settings (concurrency, retries, the dataset's path) are the latest asked for.
            state.State.Spec = spec;
            if (state.State.Phase.IsFinished())
            {
                // Asked again: committed parts stay (those found damaged or missing are committed again); runs that
                // failed for good get another chance, and the parts from the first of them on are committed again,
                // their other runs read back from the parts they replace.
                if (Replan() is { } changed)
                {
                    return Rejected(changed);
                }
                state.State.Committed = Math.Min(state.State.Committed, SweepCommits.FirstPartStart(_runs, state.State.Finished));
                state.State.Finished = state.State.Finished.Where(f => f.Value.Status == RunStatus.Completed).ToDictionary();
                await BeginAsync();
            }
            return Progress();
        }

        SweepPlanner.Plan plan = SweepPlanner.Create(spec, tasks.Dataset, options.Value.MaxRunsPerSweep);
        if (plan.Faults.Count > 0)
        {
            return Rejected([.. plan.Faults]);
        }
        if (ResultsRoot.CheckWritable(options.Value.ResultsDirectory) is { } unwritable)
        {
            return Rejected(unwritable);
        }
        state.State.Spec = spec;
        _runs = plan.Runs;
        state.State.Total = _runs.Count;
        state.State.PlanFingerprint = SweepPlanCheck.Fingerprint(_runs);
        state.State.StartedAt = DateTimeOffset.UtcNow;
        await BeginAsync();
        return Progress();
    }

    public Task<SweepProgress> GetProgressAsync() => Task.FromResult(Progress());

    public Task RunFinishedAsync(string runKey, RunStatus status, string? error)
    {
        OnRunFinished(runKey, status, error);
        return Task.CompletedTask;
    }

    /// <summary>Wakes the sweep if no silo holds it (its silo died and no client is asking); the activation resumes it.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Spec is null || state.State.Phase.IsFinished())
        {
            await _upkeep.StopRemindingAsync();
        }
    }

    private async Task BeginAsync()
    {
        SweepSpec spec = state.State.Spec!;
        await AbandonResultsAsync();
        string directory = SweepIds.ResultsDirectory(options.Value.ResultsDirectory, SweepId);
        int committed = SweepCommits.Intact(directory, state.State.Committed, _runs.Count, out string? damaged);
        _committer = new SweepCommitter(_writer, directory, SweepId, _runs.Count, committed, logger);
        if (damaged is not null)
        {
            logger.LogWarning("Sweep {SweepId}: {Damaged}", SweepId, damaged);
        }
        // Runs that committed results hold (earlier sweeps', or this sweep's own parts beyond its commit record) are read
        // from there instead of trained.
        var order = new RunOrder(_runs);
        DatasetRef sweepDataset = spec.Dataset ?? DatasetRef.Embedded;
        CommittedRuns reuse = await Task.Run(() => CommittedRuns.FindAsync(options.Value.ResultsDirectory, order.Keys,
            (run, sampleIndex) => tasks.TestIndexOf(sweepDataset, run.NegativeClass, run.PositiveClass, sampleIndex), CancellationToken.None));
        // By default two full groups per core of the cluster are in flight: each silo's trainer fills a group for
        // every free core and keeps the rest queued, so groups start full and no core idles while a finished group
        // reports back and the next runs are activated.
        int inFlight = spec.Concurrency ?? (int)Math.Min(SweepSpecLimits.MaxConcurrency, 2L * training.GroupSize * await ClusterCoresAsync());
        _ledger = new SweepLedger(order, inFlight, spec.Retries, state.State.Finished, committed, reuse.Holds);
        _mostLag = MostLag(inFlight);
        // The stream writes on the thread pool; its fetches are grain calls, made from this activation's turns.
        TaskScheduler activation = TaskScheduler.Current;
        _results = new SweepResultsStream(directory, SweepId, order, committed,
            (parts, abandon) => Task.Factory.StartNew(() => CommitAsync(parts, abandon), CancellationToken.None, TaskCreationOptions.None, activation).Unwrap(),
            run => Task.Factory.StartNew(() => GrainFactory.GetGrain<IRunGrain>(run.Key).GetResultAsync(run, SweepId), CancellationToken.None, TaskCreationOptions.None, activation).Unwrap(),
            TestSample, reuse);
        foreach ((RunSpec run, RunStatus status, int attempts, string? error) in _ledger.Entries)
        {
            _results.Ended(run, status, attempts, error);
        }
        _results.CountLagFromHere(); // those runs' results are committed or to be read back, not held by activations
        Forget(FailWhenWritingFailsAsync(_results), "watching the results' writer");
        state.State.Phase = SweepPhase.Running;
        state.State.FinishedAt = null;
        state.State.Error = null;
        await _writer.SaveAsync();
        await _upkeep.StartAsync(WatchAsync, options.Value.RunCheckSeconds);

        _span = SweepSpan.Start(SweepId, _ledger.Total, silo.SiloAddress.ToString());
        if (_ledger.IsDone)
        {
            Forget(FinishAsync(), "finishing");
            return;
        }
        Pump();
    }

    /// <summary>
    /// Starts queued runs until the concurrency bound is reached, unless the files lag: a run that ended holds its
    /// result in its activation until the files take it, so while <see cref="MostLag"/> such runs wait for the
    /// files no run starts, and starting resumes once the files have taken half of them (a 100,000-run local sweep
    /// held 4,600 activations, 1 GB, when its runs outpaced the files).
    /// </summary>
    private void Pump()
    {
        if (_results is { } results && results.Lag >= _mostLag)
        {
            if (!_waitingForFiles)
            {
                _waitingForFiles = true;
                Forget(ResumeWhenWrittenAsync(results), "waiting for the files");
            }
            return;
        }
        foreach (RunSpec run in _ledger!.TakeStartable())
        {
            Forget(_caller.AskAsync(run, starting: true), "starting a run");
        }
    }

    /// <summary>How many ended runs may wait for the files before no more start: a few seconds of the sweep's work.</summary>
    internal static int MostLag(int inFlight) => (int)Math.Min(int.MaxValue, Math.Max(2048, 16L * inFlight));

    private async Task ResumeWhenWrittenAsync(SweepResultsStream results)
    {
        try
        {
            await results.LagBelowAsync(_mostLag / 2);
        }
        catch (OperationCanceledException)
        {
            return; // the results were abandoned (the sweep begins again or the activation goes)
        }
        finally
        {
            _waitingForFiles = false;
        }
        if (_results == results && _ledger is { IsDone: false } && state.State.Phase == SweepPhase.Running)
        {
            Pump();
        }
    }

    /// <summary>Every few seconds: persist progress if it changed, and ask the runs in flight again.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        if (_ledger is null || state.State.Phase != SweepPhase.Running)
        {
            return;
        }
        if (_writer.IsDirty)
        {
            await _writer.TrySaveAsync(attempts: 1);
        }
        if (_writer.Fenced)
        {
            await StopAsStaleAsync();
            return;
        }
        if (_ledger is { } ledger) // not if the activation went while the state was saved
        {
            await Task.WhenAll(ledger.InFlight.Select(run => _caller.AskAsync(run, starting: false)));
        }
    }

    private void OnRunFinished(string runKey, RunStatus status, string? error)
    {
        if (_ledger is null || !_ledger.Finish(runKey, status, error))
        {
            return; // a late or repeated report
        }
        (RunSpec run, RunStatus now, int attempts, string? lastError) = _ledger.Lookup(runKey);
        _results!.Ended(run, now, attempts, lastError);
        _writer.MarkDirty();
        if (_ledger.IsDone)
        {
            Forget(FinishAsync(), "finishing");
        }
        else
        {
            Pump();
        }
    }

    private async Task FinishAsync()
    {
        var tail = Stopwatch.StartNew();
        state.State.Phase = SweepPhase.Writing;
        await _writer.TrySaveAsync(attempts: 1);
        SweepPhase final;
        try
        {
            state.State.Failed = await _results!.CompleteAsync();
            // What a user waits for after the last run: with the parts committed as runs finish, a window of records and the last part.
            logger.LogInformation("Sweep {SweepId}: files written {Milliseconds} ms after its last run ended", SweepId, tail.ElapsedMilliseconds);
            _span?.FilesWritten(tail.ElapsedMilliseconds);
            state.State.ResultsDirectory = SweepIds.ResultsDirectory(options.Value.ResultsDirectory, SweepId);
            SweepManifest.Of(SweepId, _runs.Count, SweepTables.PartCount(_runs.Count), complete: true).Write(state.State.ResultsDirectory);
            DatasetRef dataset = state.State.Spec!.Dataset ?? DatasetRef.Embedded;
            await SweepFinalFiles.WriteAsync(state.State.ResultsDirectory, state.State.Spec, _runs.Count > 0 ? _runs[0].DatasetHash : "",
                (negative, positive) => tasks.BinaryTaskFor(dataset, negative, positive).Test, logger, SweepId);
            final = state.State.Failed > 0 ? SweepPhase.CompletedWithFailures : SweepPhase.Completed;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing the results of sweep {SweepId} failed", SweepId);
            state.State.Error = $"writing results failed: {e.Message}";
            _span?.Failed(e.Message);
            final = SweepPhase.Failed;
        }
        await AbandonResultsAsync(); // written, or failed for good: either way its records need not stay in memory
        _runs = []; // nor its plan (300 MB at 1,000,000 runs): asked again, the sweep plans again
        // The span ends before anyone can see the sweep finished, so a finished sweep's trace is complete.
        _span?.Stop();
        _span = null;
        _upkeep.StopWatching();
        state.State.Phase = final;
        state.State.FinishedAt = DateTimeOffset.UtcNow;
        await _writer.TrySaveAsync(attempts: 10);
        await _upkeep.StopRemindingAsync();
    }

    private async Task AbandonResultsAsync()
    {
        // Answers that arrive while the activation goes are dropped: the next activation asks those runs again and
        // they answer from their stored results.
        _ledger = null;
        if (_results is not null)
        {
            await _results.DisposeAsync();
            _results = null;
        }
    }

    /// <summary>Before each save: the ledger's outcomes into the state.</summary>
    private void FillState()
    {
        if (_ledger is not null)
        {
            state.State.Committed = _committer?.Committed ?? state.State.Committed;
            state.State.Finished = _ledger.Outcomes();
        }
    }

    /// <summary>The stream put the first <paramref name="parts"/> parts in place: recorded on the activation's turn; a stale activation stops.</summary>
    private async Task CommitAsync(int parts, CancellationToken abandon)
    {
        try
        {
            await _committer!.CommitAsync(parts, abandon);
        }
        catch (SweepFencedException)
        {
            Forget(StopAsStaleAsync(), "stopping a stale activation");
            throw;
        }
    }

    /// <summary>
    /// A part that cannot be written (a full disk, a results directory gone) ends the sweep at once with the error,
    /// instead of training on while nothing is committed (and, once the finished runs pile up, starting nothing). The
    /// committed parts stay; asking again resumes from them.
    /// </summary>
    private async Task FailWhenWritingFailsAsync(SweepResultsStream results)
    {
        try
        {
            await results.Writing;
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or SweepFencedException || _results != results)
        {
            return; // abandoned, or this activation is stale: not a failure of the sweep
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing the results of sweep {SweepId} failed", SweepId);
            state.State.Error = $"writing results failed: {e.Message}";
        }
        _span?.Failed(state.State.Error);
        _span?.Stop();
        _span = null;
        _upkeep.StopWatching();
        await AbandonResultsAsync();
        _runs = [];
        state.State.Phase = SweepPhase.Failed;
        state.State.FinishedAt = DateTimeOffset.UtcNow;
        await _writer.TrySaveAsync(attempts: 10);
        await _upkeep.StopRemindingAsync();
    }

    /// <summary>Another activation owns the sweep (its state write won): this one lets its results go and deactivates.</summary>
    private async Task StopAsStaleAsync()
    {
        logger.LogWarning("Sweep {SweepId}: another activation of this sweep committed; this one on {Silo} stops", SweepId, silo.SiloAddress);
        _upkeep.StopWatching();
        await AbandonResultsAsync();
        DeactivateOnIdle();
    }

    private TestSample TestSample(RunSpec run, int testIndex) => tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, testIndex);

    /// <summary>Plans the persisted spec's runs again; a fault when they are no longer the runs the sweep started with (its dataset changed).</summary>
    private string? Replan()
    {
        (IReadOnlyList<RunSpec>? runs, string? fault) = SweepPlanCheck.Replan(SweepId, state.State.Spec!, state.State.PlanFingerprint, tasks.Dataset);
        _runs = runs ?? _runs;
        return fault;
    }

    private SweepProgress Progress() => SweepProgresses.Of(SweepId, state.State, _ledger, silo.SiloAddress.ToString(), _results?.RecordedBySilo());

    private SweepProgress Rejected(params string[] faults) => SweepProgresses.Rejected(SweepId, faults);

    /// <summary>The cluster's cores, counted as this silo's times the active silos; this silo's alone while membership cannot be read (a silo rejoining).</summary>
    private async Task<int> ClusterCoresAsync()
    {
        try
        {
            var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return Math.Max(1, hosts.Count) * Environment.ProcessorCount;
        }
        catch (Exception e)
        {
            logger.LogWarning("Sweep {SweepId}: membership unreadable ({Error}); sizing its runs in flight for this silo alone", SweepId, e.Message);
            return Environment.ProcessorCount;
        }
    }

    /// <summary>
    /// Work the current turn must not wait for: a run's start (the grain call returns at once, but a sweep starts
    /// thousands) and the sweep's finish (a run's report must not wait on the files it completes). Both handle their
    /// own expected failures; anything else is logged here, never lost as an unobserved exception.
    /// </summary>
    private void Forget(Task work, string what) =>
        work.ContinueWith(t => logger.LogError(t.Exception, "Sweep {SweepId}: {What} failed", SweepId, what),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
}
