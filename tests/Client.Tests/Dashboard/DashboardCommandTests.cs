using System.Net;
using System.Net.Sockets;

namespace RobustGrid.Client.Tests.Dashboard;

/// <summary>
/// <c>robustgrid dashboard</c> as a real process: bad input is one line and exit 2; good input serves the page on
/// loopback at the printed URL until Ctrl+C.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardCommandTests : IDisposable
{
    private readonly TempDirectory _root = new("dashboard-cli");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("--port", "70000", "--port must be a whole number in 0..65535")]
    [InlineData("--port", "-1", "--port must be a whole number in 0..65535")]
    [InlineData("--bind", "not-an-address", "--bind must be an IP address")]
    [InlineData("--gateway", "nowhere", "--gateway must be host:port")]
    public async Task Bad_options_are_one_line_and_exit_2(string option, string value, string message)
    {
        (int exitCode, string output) = await CliProcess.RunAsync("dashboard", "--results", _root.Path, option, value);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(message, output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_results_directory_is_one_line_and_exit_2()
    {
        string missing = Path.Combine(_root.Path, "missing");
        (int exitCode, string output) = await CliProcess.RunAsync("dashboard", "--results", missing);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"the results directory {missing} does not exist", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        (int exitCode, string output) = await CliProcess.RunAsync("dashboard", "--results", _root.Path, "--port", port.ToString());
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", output);
    }

    [Fact]
    public async Task The_page_is_served_on_loopback_at_the_printed_url_until_ctrl_c()
    {
        using ChildProcess cli = ChildProcess.Start("robustgrid dashboard", "dotnet", [Repository.BuiltAssembly("Client", "robustgrid.dll"), "dashboard", "--results", _root.Path]);
        Uri url = await DashboardUrl.WaitAsync(cli, TimeSpan.FromSeconds(60));
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        using var http = new HttpClient();
        Assert.Contains("RobustGrid sweeps", await http.GetStringAsync(url));
        Assert.Equal("[]", await http.GetStringAsync(new Uri(url, "api/sweeps")));
        cli.Interrupt();
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the dashboard did not stop on Ctrl+C: {cli.Output}");
        Assert.Equal(ExitCodes.Interrupted, cli.ExitCode);
    }
}
