using System.Diagnostics;
using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>SIGTERM ends a silo within its drain time even when Redis is gone, saying so in one line; an outage before it stays readable.</summary>
[Trait("Category", "Faults")]
public sealed class BoundedShutdownTests(ITestOutputHelper log)
{
    private const int DrainSeconds = 5;

    [Fact]
    public async Task Sigterm_with_redis_stopped_exits_within_the_drain_time_with_one_line_and_no_stack_traces()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(1, log, $"--RobustGrid:ShutdownSeconds={DrainSeconds}");
        SiloProcess silo = cluster.Silos[0];
        string before = silo.Process.Output;

        cluster.Redis.KillHard();
        var clock = Stopwatch.StartNew();
        silo.Process.Terminate();

        Assert.True(await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(DrainSeconds + 10)), $"the silo did not exit within {DrainSeconds} s + 10 s of SIGTERM: {silo.Process.Output}");
        log.WriteLine($"exited {silo.Process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s");
        string stopping = silo.Process.Output[before.Length..];
        log.WriteLine(stopping);
        string[] lines = stopping.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("robustgrid-silo: stopping without a drain: Redis at", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", stopping);
    }

    [Fact]
    public async Task A_30_s_redis_outage_mid_sweep_then_sigterm_logs_at_most_300_lines()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(1, log, $"--RobustGrid:ShutdownSeconds={DrainSeconds}");
        SiloProcess silo = cluster.Silos[0];
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>("redis-outage");
        Assert.NotEqual(SweepPhase.Rejected, (await sweep.StartAsync(SweepResults.Spec)).Phase);
        SweepProgress p = await cluster.WaitAsync(sweep, x => x.Completed >= 20, TimeSpan.FromMinutes(2));
        Assert.False(p.IsFinished, $"the sweep finished before Redis could be killed: {p}");
        string before = silo.Process.Output;

        cluster.Redis.KillHard();
        // The outage's length is what is measured here (the silo keeps training and failing to store), not a wait for a condition.
        await Task.Delay(TimeSpan.FromSeconds(30));
        silo.Process.Terminate();

        Assert.True(await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(DrainSeconds + 10)), $"the silo did not exit within {DrainSeconds} s + 10 s of SIGTERM");
        string outage = silo.Process.Output[before.Length..];
        string[] lines = outage.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int frames = lines.Count(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        log.WriteLine($"{lines.Length} lines ({frames} stack frames) from Redis killed at {p.Completed}/{p.Total} runs to exit {silo.Process.ExitCode}");
        log.WriteLine(outage.Length > 20000 ? outage[..20000] : outage);
        Assert.Contains("RedisConnectionException", outage); // the outage is reported
        Assert.True(lines.Length <= 300, $"{lines.Length} lines from Redis killed to exit, more than 300");
    }
}
