using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>
/// Real processes, really killed: three silo processes clustered through a real redis-server run a 200-run sweep,
/// and a silo (or Redis, or the client) dies mid-sweep. The sweep must complete with exactly one row per run point.
/// </summary>
[Trait("Category", "Faults")]
public sealed class KillTests(ITestOutputHelper log)
{
    private static readonly TimeSpan _finish = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Kill_9_of_a_silo_that_is_not_the_coordinator()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("kill-worker");
        SweepProgress p = await StartAndReachAsync(cluster, sweep, 50);

        SiloProcess victim = cluster.Silos.First(s => !s.Is(p.Coordinator));
        victim.Process.KillHard();
        log.WriteLine($"killed {victim.Process.Name} at {p.Completed}/{p.Total}; coordinator {p.Coordinator}");

        await AssertCompletesWithOneRowPerRunPointAsync(cluster, sweep);
    }

    [Fact]
    public async Task Kill_9_of_the_coordinators_silo()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("kill-coordinator");
        SweepProgress p = await StartAndReachAsync(cluster, sweep, 50);

        SiloProcess victim = cluster.CoordinatorOf(p);
        victim.Process.KillHard();
        log.WriteLine($"killed the coordinator's {victim.Process.Name} at {p.Completed}/{p.Total}");

        p = await AssertCompletesWithOneRowPerRunPointAsync(cluster, sweep);
        Assert.False(victim.Is(p.Coordinator), "the sweep finished on the dead silo?");
    }

    [Fact]
    public async Task Kill_9_of_the_coordinators_silo_after_a_commit_resumes_from_it_and_keeps_the_committed_part()
    {
        // The coordinator's information lines, so its resumption can be seen.
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log, $"--Logging:LogLevel:{typeof(Grains.Sweeps.SweepGrain).FullName}=Information");
        // 1,000 runs: a part of 512 is committed well before the end.
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(1, 250).Select(i => (long)i)], Epochs = 300 };
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("kill-after-commit");
        SweepProgress p = await ClusterCall.UntilAnsweredAsync(() => sweep.StartAsync(spec), TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal(1000, p.Total);
        p = await cluster.WaitAsync(sweep, x => x.Committed >= SweepTables.RunsPerPart, TimeSpan.FromMinutes(4));
        Assert.False(p.IsFinished, $"the sweep finished before the fault could be injected: {p}");
        string directory = Path.Combine(cluster.Results, "kill-after-commit");
        Dictionary<string, DateTime> committed = SweepTables.All.Select(t => SweepTables.PartPath(directory, t, 0)).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        SiloProcess victim = cluster.CoordinatorOf(p);
        victim.Process.KillHard();
        log.WriteLine($"killed the coordinator's {victim.Process.Name} at {p.Completed}/{p.Total}, {p.Committed} committed");

        p = await cluster.WaitAsync(sweep, x => x.IsFinished, _finish);
        Assert.True(p.Phase == SweepPhase.Completed, $"{p}: {string.Join("; ", p.Faults)}{Environment.NewLine}{cluster.Describe()}");
        Assert.False(victim.Is(p.Coordinator), "the sweep finished on the dead silo?");
        SweepResults.AssertExactlyOneRowPerRunPoint(directory, spec);
        // The resumed coordinator kept the part its dead predecessor committed: not written again.
        Assert.All(committed, part => Assert.Equal(part.Value, File.GetLastWriteTimeUtc(part.Key)));
        Assert.Contains(cluster.Silos, s => s.Process.Output.Contains("Sweep kill-after-commit resumes on") && s.Process.Output.Contains(" of 1000 runs committed"));
    }

    [Fact]
    public async Task Sigterm_drains_a_silo_and_nothing_is_lost()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("sigterm");
        SweepProgress p = await StartAndReachAsync(cluster, sweep, 50);

        SiloProcess drained = cluster.Silos.First(s => !s.Is(p.Coordinator));
        drained.Process.Terminate();
        Assert.True(await drained.Process.WaitForExitAsync(TimeSpan.FromSeconds(90)), "the silo did not stop within 90 s of SIGTERM");
        Assert.Equal(0, drained.Process.ExitCode);

        await AssertCompletesWithOneRowPerRunPointAsync(cluster, sweep);
    }

    [Fact]
    public async Task Redis_restart_mid_sweep_completes_or_a_rerun_completes_it_keeping_what_was_committed()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("redis-restart");
        SweepProgress p = await StartAndReachAsync(cluster, sweep, 50);

        await cluster.Redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.Redis.StartAsync();
        log.WriteLine($"restarted Redis at {p.Completed}/{p.Total}");

        p = await cluster.WaitAsync(sweep, x => x.IsFinished, _finish);
        string directory = Path.Combine(cluster.Results, "redis-restart");
        if (p.Phase != SweepPhase.Completed)
        {
            // Allowed: it fails with a clear error, and a rerun finishes it.
            log.WriteLine($"first pass ended {p.Phase}: {p.Failed} failed; {string.Join("; ", p.Faults)} {SweepResults.FailedRunErrors(directory)}");
            Assert.True(p.Phase == SweepPhase.CompletedWithFailures || p.Faults.Length > 0, $"{p} ended without saying why");
            p = await StartAsync(sweep);
            p = await cluster.WaitAsync(sweep, x => x.IsFinished, _finish);
        }
        Assert.True(p.Phase == SweepPhase.Completed, $"{p}: {string.Join("; ", p.Faults)} {SweepResults.FailedRunErrors(directory)}{Environment.NewLine}{cluster.Describe()}");
        SweepResults.AssertExactlyOneRowPerRunPoint(directory);

        // And asking once more trains nothing: the files come back byte for byte.
        string runsPart = SweepTables.PartPath(directory, SweepTables.Runs, 0);
        byte[] runs = File.ReadAllBytes(runsPart);
        DateTime written = File.GetLastWriteTimeUtc(runsPart);
        await StartAsync(sweep);
        await cluster.WaitAsync(sweep, x => x.IsFinished, _finish);
        Assert.Equal(runs, File.ReadAllBytes(runsPart));
        Assert.Equal(written, File.GetLastWriteTimeUtc(runsPart)); // kept, not written again
    }

    [Fact]
    public async Task Killing_the_client_does_not_stop_the_sweep_and_reattaching_shows_the_result()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        var environment = new Dictionary<string, string> { ["RobustGrid__ClusterId"] = cluster.ClusterId };
        string seeds = "1..50", epochs = SweepResults.Spec.Epochs!.Value.ToString();
        using ChildProcess cli = ChildProcess.Start("cli", "dotnet",
            [BuildOutput.Cli, "sweep", "--gateway", cluster.Gateways, "--id", "kill-client", "--seeds", seeds, "--epochs", epochs], environment);
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("kill-client");
        SweepProgress p = await cluster.WaitAsync(sweep, x => x.Completed >= 50, TimeSpan.FromMinutes(2));
        Assert.False(p.IsFinished, $"the sweep finished before the client could be killed: {p}");
        cli.KillHard();
        log.WriteLine($"killed the client at {p.Completed}/{p.Total}");

        using ChildProcess status = ChildProcess.Start("status", "dotnet", [BuildOutput.Cli, "status", "kill-client", "--gateway", cluster.Gateways], environment);
        Assert.True(await status.WaitForExitAsync(TimeSpan.FromMinutes(1)), "status hung");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("kill-client", status.Output);

        using ChildProcess attach = ChildProcess.Start("attach", "dotnet", [BuildOutput.Cli, "sweep", "--attach", "kill-client", "--gateway", cluster.Gateways], environment);
        Assert.True(await attach.WaitForExitAsync(_finish), "attach did not finish: " + attach.Output);
        Assert.True(attach.ExitCode == 0, attach.Output);
        Assert.Contains("200 runs completed", attach.Output);
        SweepResults.AssertExactlyOneRowPerRunPoint(Path.Combine(cluster.Results, "kill-client"));
    }

    /// <summary>Waits for the sweep to end, which must be Completed (else: why, with the failed runs' errors), with exactly one row per run point.</summary>
    private static async Task<SweepProgress> AssertCompletesWithOneRowPerRunPointAsync(LocalCluster cluster, ISweepGrain sweep)
    {
        SweepProgress p = await cluster.WaitAsync(sweep, x => x.IsFinished, _finish);
        string directory = Path.Combine(cluster.Results, sweep.GetPrimaryKeyString());
        Assert.True(p.Phase == SweepPhase.Completed, $"{p}: {string.Join("; ", p.Faults)} {SweepResults.FailedRunErrors(directory)}");
        SweepResults.AssertExactlyOneRowPerRunPoint(directory);
        return p;
    }

    /// <summary>Starts the sweep and waits until <paramref name="completed"/> runs are done, so that what follows hits it mid-sweep.</summary>
    private static async Task<SweepProgress> StartAndReachAsync(LocalCluster cluster, ISweepGrain sweep, int completed)
    {
        SweepProgress p = await StartAsync(sweep);
        Assert.NotEqual(SweepPhase.Rejected, p.Phase);
        p = await cluster.WaitAsync(sweep, x => x.Completed >= completed, TimeSpan.FromMinutes(2));
        Assert.False(p.IsFinished, $"the sweep finished before the fault could be injected: {p}");
        return p;
    }

    /// <summary>Starts (or asks again for) the sweep; a start that fails while the cluster recovers is made again (starting is idempotent).</summary>
    private static Task<SweepProgress> StartAsync(ISweepGrain sweep) =>
        ClusterCall.UntilAnsweredAsync(() => sweep.StartAsync(SweepResults.Spec), TimeSpan.FromMinutes(2), CancellationToken.None);

    /// <summary>The duration of every completed run in runs.parquet, which must exist.</summary>
    private static Dictionary<string, double> CompletedDurations(string directory)
    {
        Assert.True(File.Exists(Path.Combine(directory, "runs.parquet")), $"{directory} has no runs.parquet after the rerun");
        return DuckDb.Rows($"SELECT run_key, duration_seconds FROM {DuckDb.File(directory, "runs.parquet")} WHERE status = 'completed'")
            .ToDictionary(row => (string)row[0]!, row => (double)row[1]!);
    }
}
