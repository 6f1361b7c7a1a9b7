using System.Diagnostics;
using RobustGrid.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>SIGTERM ends a silo within its drain time even when Redis is gone, saying so in one line.</summary>
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
}
