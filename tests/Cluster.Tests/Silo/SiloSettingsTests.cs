using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Silo;

/// <summary>A silo process given a setting outside its choices refuses to start, with one line that names it.</summary>
[Trait("Category", "Faults")]
public sealed class SiloSettingsTests
{
    [Theory]
    [InlineData("Clustering", "consul", "RobustGrid:Clustering 'consul' is not one of Localhost, Redis, Kubernetes (any case).")]
    [InlineData("Storage", "disk", "RobustGrid:Storage 'disk' is not one of Memory, Redis, File (any case).")]
    [InlineData("Storage", "9", "RobustGrid:Storage must be one of Memory, Redis, File, or unset (got 9).")]
    public async Task A_silo_with_a_setting_outside_its_choices_exits_with_one_line(string key, string value, string message)
    {
        using SiloProcess silo = SiloProcess.Start("silo", "127.0.0.1:1", "bad-setting", Path.GetTempPath(), $"--RobustGrid:{key}={value}");

        Assert.True(await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the silo did not exit");
        Assert.Equal(1, silo.Process.ExitCode);
        Assert.Equal($"robustgrid-silo: cannot run: {message}", silo.Process.Output.TrimEnd().Split('\n')[^1]);
        Assert.DoesNotContain("   at ", silo.Process.Output); // no stack trace
    }
}
