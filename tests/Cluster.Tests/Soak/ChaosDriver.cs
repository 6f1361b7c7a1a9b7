using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Soak;

/// <summary>
/// Faults while a sweep runs, one at a time: every few seconds kill -9 of a random silo that is not the coordinator's,
/// and its restart on the same ports; at three and seven tenths of the runs, kill -9 of the coordinator's silo; once, at
/// a tenth, kill -9 of the CLI that started the sweep and a <c>sweep --attach</c> in its place; once, at two tenths,
/// kill -9 of Redis and its restart from its append-only file. Redis comes before the coordinator's first kill: waiting
/// for a killed coordinator's silo to rejoin can take most of the rest of a sweep that trains fast (at four tenths, a
/// 20,000-run sweep once ended before Redis's turn came).
/// </summary>
/// <remarks>
/// The coordinator's silo is killed twice, not at random: a new coordinator writes the results files again from the
/// first run (their temporary files died with the old one), which at 20,000 runs takes tens of seconds, so a kill of it
/// every few seconds would never let the sweep end.
/// </remarks>
internal sealed class ChaosDriver(LocalCluster cluster, ITestOutputHelper log, int seed)
{
    private readonly Random _random = new(seed);
    private long _redisBytesBeforeRestart;
    private readonly List<string> _deadSilosOutput = [];

    public List<string> Faults { get; } = [];

    public int SiloKills { get; private set; }

    public int CoordinatorKills { get; private set; }

    public bool RedisKilled { get; private set; }

    /// <summary>
    /// How many times a coordinator of <paramref name="sweepId"/> took it up again from its stored state ("Sweep id resumes
    /// on ..." in the silos' logs, which must include SweepGrain's Information lines), over every silo's every life.
    /// </summary>
    public int CoordinatorResumes(string sweepId)
    {
        string line = $"Sweep {sweepId} resumes on ";
        return _deadSilosOutput.Concat(cluster.Silos.Select(s => s.Process.Output)).Sum(output => Occurrences(output, line));
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>The CLI started in place of the killed one; it follows the sweep to its end.</summary>
    public ChildProcess? Attached { get; private set; }

    /// <summary>Redis's total_net_input_bytes (INFO stats) over its lives: what it had before the kill plus what it has now.</summary>
    public async Task<long> RedisInputBytesAsync() => _redisBytesBeforeRestart + await cluster.Redis.InfoAsync("stats", "total_net_input_bytes");

    /// <summary>Injects faults until the sweep ends; returns its last progress.</summary>
    public async Task<SweepProgress> RunAsync(ISweepGrain sweep, ChildProcess cli, IDictionary<string, string> environment, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        bool clientKilled = false;
        // Not before the CLI has started the sweep and its first runs are done.
        SweepProgress started = await cluster.WaitAsync(sweep, x => x.Phase != SweepPhase.Unknown && x.Completed > 0, TimeSpan.FromMinutes(2));
        Assert.True(started.Phase == SweepPhase.Running, $"the sweep is not running: {started}{Environment.NewLine}{cli.Output}");
        while (true)
        {
            SweepProgress p = await cluster.WaitAsync(sweep, _ => true, TimeSpan.FromMinutes(1));
            if (p.IsFinished)
            {
                return p;
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"the sweep did not finish within {timeout} of faults; last seen {p}. Faults: {string.Join("; ", Faults)}{Environment.NewLine}{cluster.Describe()}");
            }
            if (!clientKilled && p.Completed >= p.Total / 10)
            {
                cli.KillHard();
                Attached = ChildProcess.Start("attach", "dotnet", [BuildOutput.Cli, "sweep", "--attach", sweep.GetPrimaryKeyString(), "--gateway", cluster.Gateways], environment);
                clientKilled = true;
                Record(p, "kill -9 of the CLI; sweep --attach started");
            }
            else if (!RedisKilled && p.Completed >= p.Total * 2 / 10)
            {
                // Sampled just before the kill: the few commands between the two are not counted.
                _redisBytesBeforeRestart += await cluster.Redis.InfoAsync("stats", "total_net_input_bytes");
                cluster.Redis.KillHard();
                await cluster.Redis.StartAsync();
                RedisKilled = true;
                Record(p, "kill -9 of Redis, restarted from its append-only file");
            }
            else
            {
                await KillAndRestartASiloAsync(p);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(3000, 6000)));
        }
    }

    private async Task KillAndRestartASiloAsync(SweepProgress p)
    {
        int coordinatorIndex = cluster.Silos.FindIndex(s => s.Is(p.Coordinator));
        bool coordinatorsTurn = coordinatorIndex >= 0 && p.Completed >= p.Total * (CoordinatorKills == 0 ? 3 : 7) / 10 && CoordinatorKills < 2;
        int[] others = [.. Enumerable.Range(0, cluster.Silos.Count).Where(i => i != coordinatorIndex)];
        int index = coordinatorsTurn ? coordinatorIndex : others[_random.Next(others.Length)];
        SiloProcess victim = cluster.Silos[index];
        bool coordinator = victim.Is(p.Coordinator);
        int generation = await GenerationAsync(victim);
        victim.Dispose();
        _deadSilosOutput.Add(victim.Process.Output);
        cluster.Silos[index] = victim.Restart();
        SiloKills++;
        CoordinatorKills += coordinator ? 1 : 0;
        Record(p, $"kill -9 of {victim.Process.Name}{(coordinator ? " (the coordinator's)" : "")}, restarted");
        await WaitForRejoinAsync(victim, generation, TimeSpan.FromSeconds(90));
    }

    /// <summary>Until the restarted silo is an active member under a new generation and the cluster has its three silos again.</summary>
    private async Task WaitForRejoinAsync(SiloProcess silo, int oldGeneration, TimeSpan timeout)
    {
        try
        {
            await ClusterCall.UntilAsync(cluster.ActiveHostsAsync,
                hosts => hosts.Count == cluster.Silos.Count && hosts.Keys.Any(a => a.Endpoint.Port == silo.SiloPort && a.Generation != oldGeneration),
                timeout, TimeSpan.FromMilliseconds(250), e => log.WriteLine($"membership not readable yet: {e.GetType().Name}: {e.Message}"));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{silo.Process.Name} did not rejoin: {e.Message}{Environment.NewLine}{cluster.Describe()}", e);
        }
    }

    /// <summary>The silo's current generation in the membership table, or 0 when it cannot be read within a few seconds (any new generation then counts).</summary>
    private async Task<int> GenerationAsync(SiloProcess silo)
    {
        try
        {
            var hosts = await ClusterCall.UntilAnsweredAsync(cluster.ActiveHostsAsync, TimeSpan.FromSeconds(10), CancellationToken.None);
            return hosts.Keys.Where(a => a.Endpoint.Port == silo.SiloPort).Select(a => a.Generation).DefaultIfEmpty(0).Max();
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    private void Record(SweepProgress p, string fault)
    {
        string line = $"{DateTime.UtcNow:HH:mm:ss} at {p.Completed}/{p.Total}: {fault}";
        Faults.Add(line);
        log.WriteLine(line);
    }
}
