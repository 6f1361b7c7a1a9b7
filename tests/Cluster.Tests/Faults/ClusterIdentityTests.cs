using System.Diagnostics;
using RobustGrid.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>The CLI's --cluster-id: the right one connects; a wrong one is reported as a mismatch naming both ids, not as silence.</summary>
[Trait("Category", "Faults")]
public sealed class ClusterIdentityTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_gateway_of_another_cluster_is_reported_as_an_identity_mismatch_naming_both_ids()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(1, log);

        var clock = Stopwatch.StartNew();
        using ChildProcess wrong = ChildProcess.Start("status", "dotnet", [BuildOutput.Cli, "status", "nosuch", "--gateway", cluster.Gateways, "--cluster-id", "other-cluster"]);
        Assert.True(await wrong.WaitForExitAsync(TimeSpan.FromMinutes(1)), "status hung: " + wrong.Output);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {wrong.Output}");
        if (!wrong.Output.Contains("mismatch", StringComparison.Ordinal))
        {
            log.WriteLine(cluster.Describe());
        }
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("'other-cluster'", wrong.Output);
        Assert.DoesNotContain("no gateway answered", wrong.Output);
        // Orleans' refusal, naming the gateway's id, reaches the client only if the gateway's handshake reply outruns
        // the reset of the connection; otherwise the CLI says the gateway refused the handshake for that cluster id.
        string output = string.Join(' ', wrong.Output.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.True(output.Contains($"cluster identity mismatch: the gateway serves cluster id '{cluster.ClusterId}', but this client asked for 'other-cluster'", StringComparison.Ordinal)
            || output.Contains("refused this client's handshake", StringComparison.Ordinal), wrong.Output);

        // The option alone, without the environment variable, reaches the cluster: no such sweep is exit code 1.
        using ChildProcess right = ChildProcess.Start("status", "dotnet", [BuildOutput.Cli, "status", "nosuch", "--gateway", cluster.Gateways, "--cluster-id", cluster.ClusterId]);
        Assert.True(await right.WaitForExitAsync(TimeSpan.FromMinutes(1)), "status hung: " + right.Output);
        Assert.True(right.ExitCode == 1, right.Output);
    }
}
