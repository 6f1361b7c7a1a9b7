using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Telemetry;

/// <summary>
/// The traces in a receiver users run: a real local sweep exports over OTLP (gRPC, the exporter's default protocol) to
/// the Aspire dashboard's standalone build, and the dashboard's telemetry API is asked what it made of them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AspireDashboardTests
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_local_sweeps_trace_reaches_the_Aspire_dashboard_with_its_run_spans_inside_the_sweep_span()
    {
        using AspireDashboard dashboard = await AspireDashboard.StartAsync(TimeSpan.FromMinutes(1));
        using var results = new TempDirectory("aspire");
        using ChildProcess cli = ChildProcess.Start("cli", "dotnet",
            [BuildOutput.Cli, "sweep", "--seeds", "1..2", "--modes", "regular", "--epochs", "1", "--results", results.Path],
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpc });
        Assert.True(await cli.WaitForExitAsync(_deadline), $"the sweep did not finish within {_deadline}: {cli.Output}");
        Assert.True(cli.ExitCode == 0, cli.Output);
        string sweepId = Assert.Single(Directory.GetDirectories(results.Path, "sweep-*")).Split(Path.DirectorySeparatorChar)[^1];

        // The CLI flushes its exporter before it exits; the dashboard may still be storing what arrived.
        List<OtlpSpan> all = [];
        for (var until = DateTime.UtcNow + TimeSpan.FromSeconds(30); !all.Any(IsSweep) && DateTime.UtcNow < until; await Task.Delay(500))
        {
            using var traces = await dashboard.GetJsonAsync("/api/telemetry/traces?limit=10000");
            all = AspireDashboard.Spans(traces!);
        }
        Assert.True(all.Count(IsSweep) == 1, $"{all.Count(IsSweep)} sweep spans among the {all.Count} spans in the dashboard: {string.Join("; ", all.Take(20))}; {dashboard.Output}");
        OtlpSpan sweep = all.Single(IsSweep);
        Assert.Equal("robustgrid-cli", sweep.Service);
        Assert.Equal(sweepId, sweep.Attributes.GetValueOrDefault("robustgrid.sweep.id"));
        Assert.Equal("2", sweep.Attributes.GetValueOrDefault("robustgrid.sweep.runs"));

        // The sweep's whole trace, as the dashboard groups it: every run span in it, under the sweep span.
        using var trace = await dashboard.GetJsonAsync($"/api/telemetry/traces/{sweep.TraceId}");
        Assert.True(trace is not null, $"the dashboard has no trace {sweep.TraceId}: {dashboard.Output}");
        List<OtlpSpan> spans = AspireDashboard.Spans(trace);
        Assert.All(spans, s => Assert.Equal(sweep.TraceId, s.TraceId));
        var byId = spans.ToDictionary(s => s.SpanId);
        string tree = string.Join("; ", spans);
        List<OtlpSpan> runs = [.. all.Where(s => s.Scope == "RobustGrid" && s.Name == "run")];
        Assert.True(runs.Count == 2, $"{runs.Count} run spans in the dashboard, 2 runs; the sweep's trace: {tree}");
        List<OtlpSpan> astray = [.. runs.Where(run => !byId.ContainsKey(run.SpanId) || !Reaches(run, sweep.SpanId, byId))];
        Assert.True(astray.Count == 0, $"run spans not under the sweep span {sweep.SpanId}: {string.Join(", ", astray)}; the sweep's trace: {tree}");
        Assert.Equal(new[] { "1", "2" }, runs.Select(r => r.Attributes.GetValueOrDefault("robustgrid.seed")).Order());
        foreach (string step in new[] { "train", "evaluate" })
        {
            Assert.All(runs, run => Assert.Single(spans, s => s.Scope == "RobustGrid" && s.Name == step && Reaches(s, run.SpanId, byId)));
        }

        static bool IsSweep(OtlpSpan s) => s.Scope == "RobustGrid" && s.Name == "sweep";
    }

    /// <summary>Whether <paramref name="ancestor"/> is on the span's parent chain within its trace.</summary>
    private static bool Reaches(OtlpSpan span, string ancestor, Dictionary<string, OtlpSpan> byId)
    {
        int steps = 0;
        for (string? parent = span.ParentSpanId; parent is not null && steps++ <= byId.Count; parent = byId.GetValueOrDefault(parent)?.ParentSpanId)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}
