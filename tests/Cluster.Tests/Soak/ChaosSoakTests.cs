using System.Diagnostics;
using RobustGrid.Cluster.Tests.Faults;
using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Soak;

/// <summary>
/// A long sweep under repeated faults: 3 silo processes and a real redis-server (append-only, fsync always) run
/// 20,000 one-epoch runs on the embedded digits (a run's cost is then mostly the cluster's: placement, storage, results) while <see cref="ChaosDriver"/> kills silos, Redis and the CLI. The files must
/// hold exactly one row per run point, with the same results as the sweep trained once with nothing failing.
/// SOAK_SEEDS (default 5000, 4 runs each) and SOAK_CHAOS_SEED size and vary a local round.
/// </summary>
[Trait("Category", "Soak")]
public sealed class ChaosSoakTests(ITestOutputHelper log)
{
    private const string SweepId = "soak";

    [Fact]
    public async Task A_20000_run_sweep_survives_repeated_kills_of_silos_redis_and_the_client_with_exact_results()
    {
        int seeds = int.TryParse(Environment.GetEnvironmentVariable("SOAK_SEEDS"), out int s) ? s : 5000;
        int chaosSeed = int.TryParse(Environment.GetEnvironmentVariable("SOAK_CHAOS_SEED"), out int c) ? c : Random.Shared.Next(1000);
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(1, seeds).Select(i => (long)i)], Epochs = 1, Retries = 5 };
        IReadOnlyList<RunSpec> plan = SweepResults.Plan(spec);
        log.WriteLine($"{plan.Count} runs; chaos seed {chaosSeed} (SOAK_CHAOS_SEED={chaosSeed} repeats this round's choices)");

        // Failure detection slower than the fault tests': a silo starved of CPU by its neighbours' is not declared dead by
        // mistake. A killed silo is still replaced at once: its restart on the same address marks the old one dead.
        // The silos run with the configuration users get (the grain directory included: RobustGrid:DistributedDirectory
        // is on by default), and log when a coordinator of the sweep takes it up again.
        await using (LocalCluster cluster = await LocalCluster.StartAsync(3, log, "--RobustGrid:Membership:ProbeTimeout=00:00:10", "--RobustGrid:Membership:NumMissedProbesLimit=3",
            $"--Logging:LogLevel:{typeof(Grains.Sweeps.SweepGrain).FullName}=Information"))
        {
            string results = Path.Combine(cluster.Results, SweepId);
            var environment = new Dictionary<string, string> { ["RobustGrid__ClusterId"] = cluster.ClusterId };
            var clock = Stopwatch.StartNew();
            using ChildProcess cli = ChildProcess.Start("cli", "dotnet",
                [BuildOutput.Cli, "sweep", "--gateway", cluster.Gateways, "--id", SweepId, "--seeds", $"1..{seeds}", "--epochs", "1", "--retries", "5"], environment);
            ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>(SweepId);
            var chaos = new ChaosDriver(cluster, log, chaosSeed);
            SweepProgress p = await chaos.RunAsync(sweep, cli, environment, TimeSpan.FromMinutes(8));
            TimeSpan chaosWall = clock.Elapsed;
            long redisBytes = await chaos.RedisInputBytesAsync();

            Assert.True(p.Phase == SweepPhase.Completed, $"{p}: {string.Join("; ", p.Faults)} {SweepResults.FailedRunErrors(results)}{Environment.NewLine}{cluster.Describe()}");
            Assert.True(chaos.SiloKills >= 2 && chaos.RedisKilled, $"{chaos.SiloKills} silo kills, Redis killed: {chaos.RedisKilled}: the sweep ended before the chaos got going");
            // One coordinator at a time: the sweep is taken up again once per death of its coordinator's silo, never by a
            // second activation beside a live one (which would write the files again from the first run).
            int resumes = chaos.CoordinatorResumes(SweepId);
            log.WriteLine($"coordinators: the first, then {resumes} resumptions after {chaos.CoordinatorKills} kills of the coordinator's silo");
            Assert.True(resumes == chaos.CoordinatorKills, $"the sweep was resumed {resumes} times after {chaos.CoordinatorKills} kills of its coordinator's silo: a second coordinator ran. Faults: {string.Join("; ", chaos.Faults)}");
            ChildProcess attached = chaos.Attached ?? throw new InvalidOperationException("the CLI was never killed and reattached");
            Assert.True(await attached.WaitForExitAsync(TimeSpan.FromMinutes(1)), "the reattached CLI did not exit after the sweep ended: " + attached.Output);
            Assert.True(attached.ExitCode == 0, attached.Output);
            Assert.Contains($"{plan.Count} runs completed", attached.Output);

            // Checked before the cluster goes: its disposal deletes its directory, results included.
            SweepResults.AssertExactlyOneRowPerRunPoint(results, spec);

            using var referenceRoot = new TempDirectory("faults-reference");
            string reference = Path.Combine(referenceRoot.Path, SweepId);
            TimeSpan referenceWall = await FaultFreeReference.WriteAsync(reference, SweepId, plan, threads: Environment.ProcessorCount);
            string runs = DuckDb.File(results, "runs.parquet");
            long retrained = DuckDb.Scalar($"SELECT count(*) FROM {runs} WHERE attempts > 1");
            long extraAttempts = DuckDb.Scalar($"SELECT CAST(sum(attempts) - count(*) AS BIGINT) FROM {runs}");
            log.WriteLine($"faults injected: {chaos.Faults.Count} ({chaos.SiloKills} silo kills, {chaos.CoordinatorKills} of them the coordinator's; 1 Redis kill; 1 CLI kill)");
            log.WriteLine($"runs trained more than once (attempts > 1 in runs.parquet): {retrained} of {plan.Count}, {extraAttempts} extra attempts");
            log.WriteLine($"wall time: {chaosWall.TotalSeconds:0.0} s under faults (CLI start to sweep completed); fault-free reference {referenceWall.TotalSeconds:0.0} s (in-process, {Environment.ProcessorCount} threads, same files)");
            log.WriteLine($"Redis bytes written (INFO stats total_net_input_bytes): {redisBytes:N0} = {redisBytes / (double)plan.Count:N0} per run");
            foreach (string file in new[] { "runs.parquet", "curves.parquet", "epochs.parquet", "misclassified.parquet", "samples.parquet" })
            {
                AssertSameResults(results, reference, file);
            }
        }
    }

    /// <summary>Every row of <paramref name="file"/> in one directory is in the other, as often, execution columns excepted.</summary>
    private static void AssertSameResults(string actual, string expected, string file)
    {
        string exclude = file == "runs.parquet" ? " EXCLUDE (silo, attempts, duration_seconds)" : "";
        string a = $"SELECT *{exclude} FROM {DuckDb.File(actual, file)}", e = $"SELECT *{exclude} FROM {DuckDb.File(expected, file)}";
        long rows = DuckDb.Scalar($"SELECT count(*) FROM ({e})");
        Assert.True(rows > 0, $"the reference {file} is empty");
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM ({a} EXCEPT ALL {e})"));
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM ({e} EXCEPT ALL {a})"));
        Assert.Equal(rows, DuckDb.Scalar($"SELECT count(*) FROM ({a})"));
    }
}
