using System.Net;
using System.Reflection;
using System.Text.Json;
using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Telemetry;

/// <summary>
/// The Aspire dashboard's standalone build (NuGet Aspire.Dashboard.Sdk.linux-x64, restored by this project's
/// PackageDownload) run as a process on free loopback ports, unsecured: its frontend, which also serves the HTTP
/// telemetry API (/api/telemetry/...: what it received, as OTLP JSON), its OTLP/gRPC and its OTLP/HTTP endpoints.
/// </summary>
internal sealed class AspireDashboard : IDisposable
{
    private readonly ChildProcess _process;
    private readonly TempDirectory _home;
    private readonly HttpClient _http;

    private AspireDashboard()
    {
        Frontend = $"http://127.0.0.1:{Ports.Free()}";
        OtlpGrpc = $"http://127.0.0.1:{Ports.Free()}";
        OtlpHttp = $"http://127.0.0.1:{Ports.Free()}";
        _http = new HttpClient { BaseAddress = new Uri(Frontend), Timeout = TimeSpan.FromSeconds(10) };
        // Its own HOME and TMPDIR: the data protection keys (~/.aspnet) and the SQLite store (in the temp directory) it
        // writes go when this is disposed.
        _home = new TempDirectory("aspire-dashboard");
        _process = ChildProcess.Start("aspire-dashboard", Executable, [], new Dictionary<string, string>
        {
            ["HOME"] = _home.Path,
            ["TMPDIR"] = _home.Path,
            ["ASPNETCORE_URLS"] = Frontend,
            ["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"] = OtlpGrpc,
            ["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = OtlpHttp,
            // No browser token, no OTLP API key, no API key: frontend, OTLP and telemetry API unsecured (loopback only).
            ["DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        });
    }

    /// <summary>The executable under the NuGet package root, from the assembly metadata the project file writes.</summary>
    public static string Executable
    {
        get
        {
            string? path = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "AspireDashboard")?.Value;
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"the Aspire dashboard is not at '{path}': restore tests/Cluster.Tests (its PackageDownload of Aspire.Dashboard.Sdk.linux-x64)", path);
        }
    }

    /// <summary>The frontend and telemetry API, e.g. http://127.0.0.1:N.</summary>
    public string Frontend { get; }

    /// <summary>OTLP over gRPC: what OTEL_EXPORTER_OTLP_ENDPOINT names with the default protocol.</summary>
    public string OtlpGrpc { get; }

    /// <summary>OTLP over HTTP (protobuf or JSON).</summary>
    public string OtlpHttp { get; }

    public string Output => _process.Output;

    /// <summary>Starts one and waits until its telemetry API answers.</summary>
    public static async Task<AspireDashboard> StartAsync(TimeSpan deadline)
    {
        var dashboard = new AspireDashboard();
        try
        {
            for (var until = DateTime.UtcNow + deadline; ; await Task.Delay(250))
            {
                if (dashboard._process.HasExited)
                {
                    throw new InvalidOperationException($"the Aspire dashboard exited with {dashboard._process.ExitCode}: {dashboard.Output}");
                }
                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"the Aspire dashboard's telemetry API did not answer within {deadline}: {dashboard.Output}");
                }
                try
                {
                    using HttpResponseMessage response = await dashboard._http.GetAsync("/api/telemetry/resources");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return dashboard;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }
            }
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
    }

    /// <summary>GET a telemetry API path as JSON; null for 404 (e.g. a trace it does not have).</summary>
    public async Task<JsonDocument?> GetJsonAsync(string pathAndQuery)
    {
        using HttpResponseMessage response = await _http.GetAsync(pathAndQuery);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        string body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body)
            : throw new HttpRequestException($"GET {pathAndQuery}: {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// The spans of an OTLP JSON answer ({"data":{"resourceSpans":[{resource, scopeSpans:[{scope, spans}]}]}}), each with its
    /// resource's service.name and its scope (ActivitySource) name.
    /// </summary>
    public static List<OtlpSpan> Spans(JsonDocument answer)
    {
        var spans = new List<OtlpSpan>();
        foreach (JsonElement resource in answer.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            string? service = resource.TryGetProperty("resource", out JsonElement r) ? Attributes(r).GetValueOrDefault("service.name") : null;
            foreach (JsonElement scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                string scopeName = scope.GetProperty("scope").GetProperty("name").GetString()!;
                foreach (JsonElement span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new OtlpSpan(service, scopeName, span.GetProperty("traceId").GetString()!, span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out JsonElement parent) ? parent.GetString() : null, span.GetProperty("name").GetString()!, Attributes(span)));
                }
            }
        }
        return spans;
    }

    public void Dispose()
    {
        _process.Dispose();
        _http.Dispose();
        _home.Dispose();
    }

    /// <summary>OTLP JSON attributes ([{key, value: {stringValue | intValue | ...}}]) as text.</summary>
    private static Dictionary<string, string> Attributes(JsonElement owner) =>
        owner.TryGetProperty("attributes", out JsonElement attributes)
            ? attributes.EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").EnumerateObject().Single().Value.ToString())
            : [];
}

/// <summary>One span as the dashboard returned it; ids are lower-case hex.</summary>
internal sealed record OtlpSpan(string? Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, Dictionary<string, string> Attributes)
{
    public override string ToString() => $"{Scope}/{Name} {SpanId}<-{ParentSpanId ?? "root"}";
}
