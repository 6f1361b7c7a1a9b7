namespace RobustGrid.Client.Tests.Dashboard;

/// <summary>
/// The page of a running sweep in headless Chromium (tests/browser/check-dashboard.mjs): a real <c>robustgrid sweep
/// --dashboard</c> process trains 800 runs (two parts, so curves are committed mid-sweep) for half a minute or more; the
/// page, never reloaded, shows the done count rising, the curves drawn and then "complete"; Ctrl+C then ends the CLI
/// with the sweep's exit code.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardBrowserTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _root = new("dashboard-browser");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_page_of_a_running_sweep_updates_itself_draws_the_curves_and_ends_complete()
    {
        string results = Path.Combine(_root.Path, "results");
        using ChildProcess cli = ChildProcess.Start("robustgrid sweep --dashboard", "dotnet",
            [Repository.BuiltAssembly("Client", "robustgrid.dll"), "sweep", "--results", results, "--seeds", "1..400", "--eps", "0.1", "--epochs", "600", "--dashboard"]);
        Uri url = await DashboardUrl.WaitAsync(cli, TimeSpan.FromMinutes(2));
        Assert.StartsWith("#sweep-", url.Fragment);

        string screenshot = Path.Combine(_root.Path, "dashboard.png");
        using ChildProcess node = ChildProcess.Start("dashboard check", "node", [Repository.Path("tests", "browser", "check-dashboard.mjs"), url.ToString(), screenshot, "240"]);
        Assert.True(await node.WaitForExitAsync(TimeSpan.FromMinutes(5)), $"the dashboard check did not finish: {node.Output}");
        log.WriteLine(node.Output);
        Assert.True(node.ExitCode == 0, $"dashboard check exit {node.ExitCode}: {node.Output} (CI installs chromium and runs npm ci in tests/browser); CLI: {cli.Output}");
        Assert.Contains("\"phase\":\"complete\"", node.Output);

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cli.Output.Contains("its dashboard stays at", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(cli.Output.Contains("its dashboard stays at", StringComparison.Ordinal), $"the CLI did not say its page stays up: {cli.Output}");
        cli.Interrupt();
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the CLI did not stop on Ctrl+C: {cli.Output}");
        Assert.Equal(ExitCodes.Success, cli.ExitCode);
    }
}
