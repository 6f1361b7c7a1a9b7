namespace RobustGrid.Cluster.Tests;

/// <summary>
/// No container engine runs here, so deploy/validate.sh checks what can be checked: the YAML parses, every
/// RobustGrid setting the files use exists, the compose file describes the topology the fault tests run (Redis and
/// three Redis-clustered silos sharing a results volume), and the Kubernetes manifests follow Orleans' conventions.
/// </summary>
public sealed class DeployFilesTests
{
    [Fact]
    public async Task The_deployment_files_validate()
    {
        string script = Repository.Path("deploy", "validate.sh");
        using ChildProcess validate = ChildProcess.Start("validate", "bash", [script]);
        Assert.True(await validate.WaitForExitAsync(TimeSpan.FromMinutes(2)), "validate.sh hung");
        Assert.True(validate.ExitCode == 0, validate.Output);
        Assert.Contains("deploy: ok", validate.Output);
    }
}
