using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Telemetry;

/// <summary>
/// The exporters the hosts configure, run for real: the CLI's OTLP exporter sending over HTTP to an endpoint in this
/// test, which decodes what arrives; and the silo host's Orleans Dashboard fetched over loopback.
/// </summary>
public sealed class ExportersTests
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_local_sweep_exports_one_sweep_span_its_run_spans_and_the_run_metrics_over_OTLP_HTTP()
    {
        using var receiver = new OtlpReceiver(Ports.Free());
        using var results = new TempDirectory("otlp");
        using ChildProcess cli = ChildProcess.Start("cli", "dotnet", [BuildOutput.Cli, "sweep", "--modes", "robust", "--eps", "0.1", "--seeds", "1..3", "--results", results.Path],
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
        Assert.True(await cli.WaitForExitAsync(_deadline), $"the sweep did not finish within {_deadline}: {cli.Output}");
        Assert.True(cli.ExitCode == 0, cli.Output);

        // ExportTraceServiceRequest: resource_spans (1) > scope_spans (2) > spans (2): trace_id 1, span_id 2, parent_span_id 4, name 5.
        var spans = receiver.Received("/v1/traces").SelectMany(r => r.All(1)).SelectMany(r => r.All(2)).SelectMany(s => s.All(2))
            .Select(s => (Trace: s.Hex(1), Id: s.Hex(2), Parent: s.Hex(4), Name: s.Text(5))).ToList();
        Assert.True(spans.Count(s => s.Name == "sweep") == 1, $"spans {string.Join(", ", spans.Select(s => s.Name))}; received {receiver.Summary()}; {cli.Output}");
        var sweep = spans.Single(s => s.Name == "sweep");
        var runs = spans.Where(s => s.Name == "run").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal((sweep.Trace, sweep.Id), (r.Trace, r.Parent)));
        var runIds = runs.Select(r => r.Id).ToHashSet();
        Assert.Equal(3, spans.Count(s => s.Name == "train" && runIds.Contains(s.Parent)));
        Assert.Equal(3, spans.Count(s => s.Name == "evaluate" && runIds.Contains(s.Parent)));

        // ExportMetricsServiceRequest: resource_metrics (1) > scope_metrics (2) > metrics (2): name 1.
        var metrics = receiver.Received("/v1/metrics").SelectMany(r => r.All(1)).SelectMany(r => r.All(2)).SelectMany(s => s.All(2)).Select(m => m.Text(1)).ToHashSet();
        Assert.Superset(new HashSet<string> { "robustgrid.runs.started", "robustgrid.runs.completed", "robustgrid.run.duration", "robustgrid.training.samples_per_second" }, metrics);
    }

    [Fact]
    public async Task The_silo_hosts_dashboard_page_answers_over_loopback()
    {
        int dashboard = Ports.Free();
        using var results = new TempDirectory("dashboard");
        using ChildProcess silo = ChildProcess.Start("silo", "dotnet",
        [
            BuildOutput.Silo, $"--RobustGrid:SiloPort={Ports.Free()}", $"--RobustGrid:GatewayPort={Ports.Free()}", $"--RobustGrid:ResultsDirectory={results.Path}",
            "--RobustGrid:Dashboard=true", $"--RobustGrid:DashboardPort={dashboard}", "--Logging:LogLevel:Default=Warning",
        ]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string? page = null;
        for (var until = DateTime.UtcNow + _deadline; page is null && DateTime.UtcNow < until && !silo.HasExited;)
        {
            try
            {
                page = await http.GetStringAsync($"http://127.0.0.1:{dashboard}/");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(page is not null, $"the dashboard on port {dashboard} did not answer within {_deadline}: {silo.Output}");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Orleans", page, StringComparison.OrdinalIgnoreCase);
    }
}
