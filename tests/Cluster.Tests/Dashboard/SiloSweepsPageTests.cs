using System.Net;
using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Dashboard;

/// <summary>
/// The silo host (a real robustgrid-silo process with its dashboard on) serves the sweeps page at /sweeps/ beside the
/// Orleans Dashboard at /: the page, and the sweeps of its results directory through its own grain factory.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SiloSweepsPageTests
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_silo_host_serves_the_sweeps_page_at_sweeps_beside_the_orleans_dashboard()
    {
        int port = Ports.Free();
        using var results = new TempDirectory("silo-sweeps");
        Directory.CreateDirectory(Path.Combine(results.Path, "sweep-on-disk", "runs"));
        using ChildProcess silo = ChildProcess.Start("silo", "dotnet",
        [
            BuildOutput.Silo, $"--RobustGrid:SiloPort={Ports.Free()}", $"--RobustGrid:GatewayPort={Ports.Free()}", $"--RobustGrid:ResultsDirectory={results.Path}",
            "--RobustGrid:Dashboard=true", $"--RobustGrid:DashboardPort={port}", "--Logging:LogLevel:Default=Warning",
        ]);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        string? list = null;
        for (var until = DateTime.UtcNow + _deadline; list is null && DateTime.UtcNow < until && !silo.HasExited;)
        {
            try
            {
                list = await http.GetStringAsync($"http://127.0.0.1:{port}/sweeps/api/sweeps");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(list is not null, $"the sweeps page on port {port} did not answer within {_deadline}: {silo.Output}");
        Assert.Contains("\"id\":\"sweep-on-disk\"", list);

        string page = await http.GetStringAsync($"http://127.0.0.1:{port}/sweeps/");
        Assert.Contains("RobustGrid sweeps", page);
        Assert.Contains("<base href=\"/sweeps/\">", page);
        using HttpResponseMessage bare = await http.GetAsync($"http://127.0.0.1:{port}/sweeps");
        Assert.Equal((HttpStatusCode.Redirect, "/sweeps/"), (bare.StatusCode, bare.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/sweeps/api/sweeps/no-such-sweep")).StatusCode);
        Assert.Contains("Orleans", await http.GetStringAsync($"http://127.0.0.1:{port}/"), StringComparison.OrdinalIgnoreCase);
    }
}
