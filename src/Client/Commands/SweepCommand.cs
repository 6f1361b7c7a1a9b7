using System.CommandLine;
using System.Globalization;
using System.Net;
using RobustGrid.Client.Cluster;
using RobustGrid.Client.Diagnostics;
using RobustGrid.Client.Output;
using RobustGrid.Client.Sweeps;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Dashboard.Http;
using RobustGrid.Dashboard.Progress;
using RobustGrid.Dashboard.Sweeps;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary>
/// <c>robustgrid sweep</c>: runs a grid of (pair, mode, norm, eps, seed) points on the cluster and writes Parquet.
/// With no flags it runs the study: regular and robust eps 0.1, 0.2, 0.3, seeds 1..10, on the embedded data.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var spec = new Option<FileInfo?>("--spec") { Description = "A JSON sweep spec; flags given as well override its fields." };
        var id = new Option<string?>("--id") { Description = "Sweep id (default: derived from the dataset's content and the grid, so the same results are the same sweep; concurrency and retries do not change it)." };
        var pairs = new Option<string?>("--pairs") { Description = "Class pairs, e.g. 0,1 or 0,1;3,5, or all: every pair of the dataset's classes (default 0,1)." };
        var modes = new Option<string?>("--modes") { Description = "regular,robust (default both)." };
        var norms = new Option<string?>("--norms") { Description = "linf,l2,l1 (default linf)." };
        var eps = new Option<string?>("--eps") { Description = $"Training eps of robust runs, each 0..{SweepSpecLimits.MaxEps} (default 0.1,0.2,0.3)." };
        var seeds = new Option<string?>("--seeds") { Description = $"Seeds as a list or range, e.g. 1..100 (default 1..10): whole numbers in -2^53..2^53, at most {SeedList.MaxSeeds} of them." };
        var epochs = NumberOption.Create<int>("--epochs", $"Epochs, 1..{SweepSpecLimits.MaxEpochs} (preset: 10).", $"a whole number in 1..{SweepSpecLimits.MaxEpochs}");
        var batch = NumberOption.Create<int>("--batch-size", $"Batch size, 1..{SweepSpecLimits.MaxBatchSize} (preset: 100).", $"a whole number in 1..{SweepSpecLimits.MaxBatchSize}");
        var lr = NumberOption.Create<float>("--lr", $"Learning rate for every mode, in (0, {SweepSpecLimits.MaxLearningRate}] (preset: 0.1 regular, 1e-4 robust).", $"a finite number greater than 0, at most {SweepSpecLimits.MaxLearningRate}");
        var shuffle = new Option<bool?>("--shuffle") { Description = "Shuffle every epoch from the seed." };
        var attackMax = NumberOption.Create<double>("--attack-eps-max", $"Largest attack eps, 0..{SweepSpecLimits.MaxEps} (default 0.5).", $"a finite number in 0..{SweepSpecLimits.MaxEps}");
        var attackPoints = NumberOption.Create<int>("--attack-points", $"Attack grid points from 0, 1..{SweepSpecLimits.MaxAttackPoints} (default 101).", $"a whole number in 1..{SweepSpecLimits.MaxAttackPoints}");
        var clip = new Option<bool?>("--clip") { Description = "Keep attacked pixels inside [0,1]." };
        var transfer = new Option<bool?>("--transfer") { Description = "Also write transfer.parquet: each model attacked with the perturbations of every model of its seed, and of the same model at the next seed." };
        var closest = NumberOption.Create<int>("--closest", $"Misclassified samples kept per attack eps, 0..{SweepSpecLimits.MaxClosest} (default 10).", $"a whole number in 0..{SweepSpecLimits.MaxClosest}");
        var concurrency = NumberOption.Create<int>("--concurrency", $"Runs in flight, 1..{SweepSpecLimits.MaxConcurrency} (default: two full training groups per core of the cluster).", $"a whole number in 1..{SweepSpecLimits.MaxConcurrency}");
        var retries = NumberOption.Create<int>("--retries", $"Retries of a failed run, 0..{SweepSpecLimits.MaxRetries} (default 2).", $"a whole number in 0..{SweepSpecLimits.MaxRetries}");
        var attach = new Option<string?>("--attach") { Description = "Follow a sweep (given by id) to its end instead of starting one: on the cluster with --gateway, else resume it on an in-process silo from --results." };
        var dashboard = new Option<bool>("--dashboard") { Description = "Serve the sweeps page for this sweep on a free loopback port and print its URL; it stays up after the sweep until Ctrl+C." };
        var dataDir = DatasetOption.Create();
        var connection = ConnectionOptions.Create();

        var command = new Command("sweep", "Run a grid of runs on the cluster (an in-process silo by default) and write Parquet results.")
        {
            spec, id, pairs, modes, norms, eps, seeds, epochs, batch, lr, shuffle, attackMax, attackPoints, clip, transfer, closest, concurrency, retries, dataDir, attach, dashboard,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(attach) is { } attachTo)
            {
                return SweepIds.Validate(attachTo) is { } badAttach
                    ? ErrorOutput.BadInput(badAttach)
                    : await AttachAsync(attachTo, connection.Read(parse), parse.GetValue(dashboard), cancellationToken);
            }
            SweepSpec sweep;
            try
            {
                sweep = parse.GetValue(spec) is { } file ? SweepSpecFile.Read(file.FullName) : new SweepSpec();
                sweep = sweep with
                {
                    Pairs = parse.GetValue(pairs) is { } p ? (IsAll(p) ? [] : ParsePairs(p)) : sweep.Pairs,
                    AllPairs = parse.GetValue(pairs) is { } a ? IsAll(a) : sweep.AllPairs,
                    Transfer = parse.GetValue(transfer) ?? sweep.Transfer,
                    Modes = parse.GetValue(modes) is { } m ? ParseNames<TrainingMode>(m) : sweep.Modes,
                    Norms = parse.GetValue(norms) is { } n ? ParseNames<ThreatNorm>(n) : sweep.Norms,
                    Eps = parse.GetValue(eps) is { } e ? ParseDoubles(e) : sweep.Eps,
                    Seeds = parse.GetValue(seeds) is { } s ? SeedList.Parse(s) : sweep.Seeds,
                    Epochs = parse.GetValue(epochs) ?? sweep.Epochs,
                    BatchSize = parse.GetValue(batch) ?? sweep.BatchSize,
                    LearningRate = parse.GetValue(lr) ?? sweep.LearningRate,
                    Shuffle = parse.GetValue(shuffle) ?? sweep.Shuffle,
                    AttackEpsMax = parse.GetValue(attackMax) ?? sweep.AttackEpsMax,
                    AttackPoints = parse.GetValue(attackPoints) ?? sweep.AttackPoints,
                    Clip = parse.GetValue(clip) ?? sweep.Clip,
                    ClosestCount = parse.GetValue(closest) ?? sweep.ClosestCount,
                    Concurrency = parse.GetValue(concurrency) ?? sweep.Concurrency,
                    Retries = parse.GetValue(retries) ?? sweep.Retries,
                    Dataset = parse.GetValue(dataDir) is { } d ? new DatasetRef(d.FullName) : sweep.Dataset,
                };
            }
            catch (SweepSpecException e)
            {
                return ErrorOutput.BadInput(e.Message);
            }
            if (SweepSpecLimits.Check(sweep) is { Count: > 0 } outOfRange)
            {
                return ErrorOutput.BadInput(string.Join("; ", outOfRange));
            }
            ConnectionOptions.Values target = connection.Read(parse);
            // The in-process silo starts while the dataset is loaded and the sweep checked below; it is asked nothing
            // until they pass, and is stopped unused when they refuse the sweep.
            await using PendingConnection? silo = target.Gateway is null ? PendingConnection.Start(target, cancellationToken) : null;
            SweepDataset dataset;
            try
            {
                dataset = SweepDataset.Load(sweep.Dataset, remote: target.Gateway is not null);
            }
            catch (SweepSpecException e)
            {
                return ErrorOutput.BadInput(e.Message);
            }
            // "all" becomes the dataset's pairs here when it is loaded: the same sweep as its pairs written out.
            sweep = dataset.Expand(sweep);
            SweepIdentity identity = SweepIdentity.Of(sweep, dataset.ContentHash);
            string sweepId = parse.GetValue(id) ?? identity.DefaultSweepId();
            if (SweepIds.Validate(sweepId) is { } badId)
            {
                return ErrorOutput.BadInput(badId);
            }
            return await RunAsync(sweep, identity, dataset, sweepId, target, silo, parse.GetValue(dashboard), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(SweepSpec spec, SweepIdentity identity, SweepDataset dataset, string sweepId, ConnectionOptions.Values target,
        PendingConnection? silo, bool dashboard, CancellationToken cancellationToken)
    {
        int alreadyDone = 0;
        if (target.Gateway is null)
        {
            (int? refused, alreadyDone, int runs) = await CheckLocalAsync(spec, identity, dataset, sweepId, target, cancellationToken);
            if (refused is int exitCode)
            {
                return exitCode;
            }
            if (runs >= LargePlan)
            {
                // The in-process silo plans the sweep again: this process's copy (a RunSpec per run) goes first, so
                // the two never share the heap (a 1,000,000-run sweep's plan is 300 MB).
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
        using SweepLock? held = target.Gateway is null ? SweepLock.TryAcquire(target.Results, sweepId) : null;
        if (target.Gateway is null && held is null)
        {
            return ErrorOutput.Failed(SweepLock.HeldMessage(target.Results, sweepId));
        }

        bool started = target.Gateway is null && StoredRuns.SweepStarted(target.Results, sweepId);
        StageTimer.Mark("sweep planned in the CLI");
        await using ClusterConnection? cluster = silo is not null ? await silo.TakeAsync() : await target.ConnectAsync(cancellationToken);
        if (cluster is null)
        {
            return ExitCodes.BadInput;
        }
        StageTimer.Mark("silo started (or cluster connected)");
        if (cluster.IsLocal && dataset.Data is { } data)
        {
            RobustGrid.Hosting.LocalSilo.RememberDataset(cluster.Services, spec.Dataset, data); // loaded above to name the sweep: not again
        }
        ISweepGrain grain = cluster.Client.GetGrain<ISweepGrain>(sweepId);
        // Starting is idempotent (the same spec answers the sweep's progress), so a start that fails while a silo
        // rejoins is made again.
        SweepProgress progress = await ClusterCall.UntilAnsweredAsync(() => grain.StartAsync(spec), SweepProgressView.Unreachable, cancellationToken);
        StageTimer.Mark("sweep started by its grain");
        if (progress.Phase == SweepPhase.Rejected)
        {
            return Refused(progress.Faults);
        }
        AnsiConsole.MarkupLineInterpolated($"Sweep [bold]{sweepId}[/]: {progress.Total} runs on {(cluster.IsLocal ? "an in-process silo" : "the cluster")}.");
        if (StoredRuns.Line(alreadyDone, progress.Total, started) is { } stored)
        {
            AnsiConsole.WriteLine(stored);
        }
        return await FollowAsync(cluster, grain, progress, target, dashboard, cancellationToken);
    }

    /// <summary>Exit 2 with the faults: one line for one fault (an existing id's other spec), a list for several.</summary>
    private static int Refused(IReadOnlyList<string> faults) => faults.Count == 1
        ? ErrorOutput.BadInput(faults[0])
        : ErrorOutput.BadInput("the sweep spec is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, faults.Select(f => "  - " + f)));

    /// <summary>
    /// Answers from the local results directory when it can: its files of another spec are refused (exit 2, one line
    /// saying what differs, the files untouched); its finished files of this spec are the answer. Null: run the sweep.
    /// </summary>
    private static async Task<int?> CheckLocalResultsAsync(SweepIdentity identity, string sweepId, string results, CancellationToken cancellationToken)
    {
        string directory = SweepIds.ResultsDirectory(results, sweepId);
        if (SweepResultsDirectory.Recorded(directory)?.Difference(identity) is { } differs)
        {
            return ErrorOutput.BadInput($"sweep '{sweepId}' holds the results of a different spec ({differs}); choose another --id.");
        }
        if (!SweepResultsDirectory.IsComplete(directory, identity))
        {
            return null;
        }
        AnsiConsole.MarkupLineInterpolated($"Sweep [bold]{sweepId}[/] is already complete: nothing to run.");
        await SweepSummaryTable.PrintAsync(directory, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>--attach id</c>: follows a sweep another client started (or one whose client died) to its end. Without
    /// --gateway it starts the in-process silo on --results, which resumes the sweep from its stored state.
    /// </summary>
    private static async Task<int> AttachAsync(string sweepId, ConnectionOptions.Values target, bool dashboard, CancellationToken cancellationToken)
    {
        using SweepLock? held = target.Gateway is null ? SweepLock.TryAcquire(target.Results, sweepId) : null;
        if (target.Gateway is null && held is null)
        {
            return ErrorOutput.Failed(SweepLock.HeldMessage(target.Results, sweepId));
        }
        await using ClusterConnection? cluster = await target.ConnectAsync(cancellationToken);
        if (cluster is null)
        {
            return ExitCodes.BadInput;
        }
        ISweepGrain grain = cluster.Client.GetGrain<ISweepGrain>(sweepId);
        SweepProgress progress;
        try
        {
            progress = await SweepProgressView.PollAsync(grain, cancellationToken);
        }
        catch (TimeoutException e)
        {
            return ErrorOutput.Failed(e.Message);
        }
        if (progress.Phase == SweepPhase.Unknown)
        {
            return ErrorOutput.BadInput(cluster.IsLocal ? $"there is no sweep {sweepId} under {target.Results}." : $"the cluster knows no sweep {sweepId}.");
        }
        AnsiConsole.MarkupLineInterpolated($"Attached to sweep [bold]{sweepId}[/]: {progress.Completed + progress.Failed}/{progress.Total} runs done.");
        return await FollowAsync(cluster, grain, progress, target, dashboard, cancellationToken);
    }

    /// <summary>
    /// A local sweep refused before the silo starts or anything is written (a bad spec, an unwritable root, another
    /// spec's files: the exit code), else how many of its runs committed results hold. Its own method, so the plan
    /// (a RunSpec per run: 300 MB at 1,000,000 runs) is not kept by the sweep's long-running state machine.
    /// </summary>
    /// <summary>A plan of this many runs is collected before the silo makes its own.</summary>
    private const int LargePlan = 100_000;

    private static async Task<(int? Refused, int AlreadyDone, int Runs)> CheckLocalAsync(SweepSpec spec, SweepIdentity identity, SweepDataset dataset, string sweepId,
        ConnectionOptions.Values target, CancellationToken cancellationToken)
    {
        SweepPlanner.Plan plan = dataset.Plan(spec)!;
        if (plan.Faults.Count > 0)
        {
            return (Refused(plan.Faults), 0, 0);
        }
        if (ResultsRoot.CheckWritable(target.Results) is { } unwritable)
        {
            return (ErrorOutput.BadInput(unwritable), 0, 0);
        }
        if (await CheckLocalResultsAsync(identity, sweepId, target.Results, cancellationToken) is { } answered)
        {
            return (answered, 0, 0);
        }
        // Counted before the sweep is handed to the silo (which has run nothing yet).
        return (null, await StoredRuns.CountAsync(target.Results, plan.Runs.Select(r => r.Key), cancellationToken), plan.Runs.Count);
    }

    private static async Task<int> FollowAsync(ClusterConnection cluster, ISweepGrain grain, SweepProgress progress, ConnectionOptions.Values target, bool dashboard,
        CancellationToken cancellationToken)
    {
        string sweepId = grain.GetPrimaryKeyString();
        // The page of this sweep alone: its files under --results, its progress from its coordinator.
        await using DashboardServer? page = dashboard
            ? await DashboardPage.StartAsync(IPAddress.Loopback, 0,
                new SweepCatalog(target.Results, new GrainSweepProgressSource(cluster.Client, [sweepId])) { OnlyAnnounced = true }, cancellationToken)
            : null;
        if (page is not null)
        {
            AnsiConsole.WriteLine($"Dashboard: {page.Url}#{sweepId}");
        }
        try
        {
            progress = await SweepProgressView.FollowAsync(grain, progress, cancellationToken);
        }
        catch (TimeoutException e)
        {
            return ErrorOutput.Failed(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await SweepInterruption.StopAsync(cluster, grain.GetPrimaryKeyString(), progress.Total, target);
        }
        StageTimer.Mark("sweep finished, files written" + (cluster.IsLocal && RobustGrid.Hosting.LocalSilo.TrainingSummary(cluster.Services) is { } trained ? $" ({trained})" : ""));
        int exitCode = await SweepOutcome.ReportAsync(progress, cancellationToken);
        StageTimer.Mark("table printed");
        if (page is not null)
        {
            AnsiConsole.WriteLine($"The sweep has ended; its dashboard stays at {page.Url}#{sweepId} until Ctrl+C.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
        return exitCode;
    }

    private static bool IsAll(string pairs) => pairs.Trim().Equals("all", StringComparison.OrdinalIgnoreCase);

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static T[] ParseNames<T>(string text)
        where T : struct, Enum => [.. Split(text).Select(v => EnumNames.TryParse(v, out T value) ? value : throw new SweepSpecException(EnumNames.Unknown<T>(v)))];

    private static double[] ParseDoubles(string text) => Split(text).Select(v =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new SweepSpecException($"bad eps '{v}': expected numbers like 0.1,0.2.")).ToArray();

    private static int[][] ParsePairs(string text) => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p =>
        ClassPair.TryParse(p, out int a, out int b) ? new[] { a, b } : throw new SweepSpecException($"bad class pair '{p}': write pairs like 0,1 or 0,1;3,5.")).ToArray();
}
