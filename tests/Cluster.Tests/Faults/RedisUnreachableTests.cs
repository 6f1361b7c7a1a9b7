using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>A silo pointed at a Redis nobody runs fails fast with one clear line, never hangs.</summary>
[Trait("Category", "Faults")]
public sealed class RedisUnreachableTests
{
    [Fact]
    public async Task A_silo_with_unreachable_redis_exits_non_zero_within_a_bounded_time()
    {
        int closed = Ports.Free();
        using SiloProcess silo = SiloProcess.Start("silo", $"127.0.0.1:{closed},password=hunter2", "unreachable", Path.GetTempPath());

        Assert.True(await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the silo hung instead of failing");
        Assert.NotEqual(0, silo.Process.ExitCode);
        string last = silo.Process.Output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("robustgrid-silo: cannot run: Redis at", last);
        Assert.Contains("unreachable", last);
        Assert.DoesNotContain("hunter2", silo.Process.Output);
    }
}
