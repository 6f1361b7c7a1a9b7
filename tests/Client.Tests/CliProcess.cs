namespace RobustGrid.Client.Tests;

/// <summary>The built CLI run as a child process: its exit code and everything it printed, as a user sees them.</summary>
internal static class CliProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using ChildProcess cli = ChildProcess.Start("robustgrid", "dotnet", [Repository.BuiltAssembly("Client", "robustgrid.dll"), .. args]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"robustgrid {string.Join(' ', args)} did not end within 2 minutes: {cli.Output}");
        return (cli.ExitCode, cli.Output);
    }
}
