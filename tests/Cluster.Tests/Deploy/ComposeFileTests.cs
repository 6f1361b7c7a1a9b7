using System.Net;
using System.Text.RegularExpressions;
using static RobustGrid.Cluster.Tests.Deploy.DeployFiles;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// deploy/docker-compose.yml describes the topology the fault tests run (Redis and three Redis-clustered silos sharing a
/// results volume), with the collector and Jaeger wired, and publishes nothing beyond loopback.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ComposeFileTests
{
    internal static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    private readonly List<string> _errors = [];

    private static YamlNode Services => Compose["services"];

    [Fact]
    public void Every_service_is_there() =>
        Assert.All(new[] { "redis", "silo1", "silo2", "silo3", "otel-collector", "jaeger", "cli" }, s => Assert.True(Services.Has(s), $"service {s} is missing"));

    [Fact]
    public void The_silos_cluster_in_Redis_share_one_results_volume_and_drain_on_stop()
    {
        var named = Compose["volumes"].Keys.ToHashSet();
        var resultsVolumes = new HashSet<string>();
        foreach (string name in Silos)
        {
            YamlNode service = Services[name];
            Dictionary<string, string> env = Environment(service);
            CheckBuild(name, service);
            Expect(env.GetValueOrDefault("RobustGrid__Clustering") == "Redis", $"{name}: RobustGrid__Clustering must be Redis");
            string redis = env.GetValueOrDefault("RobustGrid__Redis", "");
            string redisHost = redis.Split(',')[0];
            redisHost = redisHost.Contains(':') ? redisHost[..redisHost.LastIndexOf(':')] : redisHost;
            Expect(Services.Has(redisHost), $"{name}: RobustGrid__Redis '{redis}' does not name a compose service");
            string resultsDirectory = env.GetValueOrDefault("RobustGrid__ResultsDirectory", "");
            string[] shared = [.. service["volumes"].Items.Select(v => v.Or("").Split(':'))
                .Where(m => m.Length >= 2 && m[1] == resultsDirectory && named.Contains(m[0])).Select(m => m[0])];
            Expect(resultsDirectory.Length > 0 && shared.Length > 0, $"{name}: RobustGrid__ResultsDirectory ('{resultsDirectory}') must be a named volume mounted at that path");
            resultsVolumes.UnionWith(shared);
            Expect(Seconds(service["stop_grace_period"].Or("10s")) >= 60, $"{name}: stop_grace_period must leave the graceful Orleans shutdown time (>= 60s)");
            string otlp = env.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
            Expect(otlp.Length == 0 || Services.Has(Regex.Replace(otlp, @"^\w+://", "").Split(':')[0]),
                $"{name}: OTEL_EXPORTER_OTLP_ENDPOINT '{otlp}' does not name a compose service");
        }
        Expect(resultsVolumes.Count <= 1, $"the silos must share one results volume (they use {string.Join(", ", resultsVolumes)})");
        AssertNone(_errors);
    }

    [Fact]
    public void The_silos_advertise_their_container_address_and_are_healthy_once_ready()
    {
        foreach (string name in Silos)
        {
            YamlNode service = Services[name];
            Dictionary<string, string> env = Environment(service);
            string advertised = env.GetValueOrDefault("RobustGrid__AdvertisedAddress", "");
            Expect(advertised == "auto" || (advertised.Length > 0 && !IPAddress.TryParse(advertised, out _)),
                $"{name}: RobustGrid__AdvertisedAddress must be \"auto\" (the address the container's host name resolves to) or a host name (is '{advertised}')");
            YamlNode check = service["healthcheck"];
            string[] test = [.. check["test"].Words];
            Expect(test.FirstOrDefault() == "CMD", $"{name}: healthcheck.test must be an exec form [\"CMD\", ...]");
            foreach (string error in ProbeErrors(test.Skip(1).ToList(), env.GetValueOrDefault("RobustGrid__HealthPort", ""), HealthPath.Ready))
            {
                _errors.Add($"{ComposePath}: {name}: {error}");
            }
            // The probe waits up to 5 s for the answer, after its own start.
            Expect(Seconds(check["timeout"].Or("30s")) > 5, $"{name}: healthcheck.timeout must leave the probe more than 5 s");
        }
        Expect(Services["cli"]["depends_on"]["silo1"]["condition"].Text == "service_healthy", "cli: must wait for silo1 to be healthy (ready)");
        AssertNone(_errors);
    }

    [Fact]
    public void The_dashboard_is_on_and_every_published_port_is_loopback_only()
    {
        Dictionary<string, string> env = Environment(Services["silo1"]);
        Expect(env.GetValueOrDefault("RobustGrid__Dashboard", "").Equals("true", StringComparison.OrdinalIgnoreCase)
            && ContainerPorts(Services["silo1"]).Contains(env.GetValueOrDefault("RobustGrid__DashboardPort", "8080")),
            "silo1: the dashboard must be on (RobustGrid__Dashboard=true) and its port published");
        foreach (var (name, service) in Services.Entries)
        {
            foreach (YamlNode port in service["ports"].Items)
            {
                string ip = port.Text is { } text ? (text.Split(':') is { Length: 3 } parts ? parts[0] : "") : port["host_ip"].Or("");
                Expect(ip is "127.0.0.1" or "::1" or "[::1]", $"{name}: publishes a port on all interfaces; bind it to 127.0.0.1");
            }
        }
        AssertNone(_errors);
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_and_the_cli_targets_a_silo_gateway()
    {
        YamlNode redis = Services["redis"];
        Expect(redis["image"].Or("").StartsWith("redis:7", StringComparison.Ordinal), "redis: image must be redis:7");
        Expect(After(redis["command"].Words, "--appendonly") == "yes", "redis: must run with --appendonly yes");
        YamlNode cli = Services["cli"];
        CheckBuild("cli", cli);
        Expect(cli["profiles"].Words.Contains("cli"), "cli: must be under the \"cli\" profile");
        string gateway = After(cli["command"].Words, "--gateway");
        int colon = gateway.LastIndexOf(':');
        string host = colon < 0 ? "" : gateway[..colon], port = gateway[(colon + 1)..];
        Expect(Silos.Contains(host), $"cli: --gateway '{gateway}' must name a silo service");
        Expect(!Silos.Contains(host) || port == Environment(Services[host]).GetValueOrDefault("RobustGrid__GatewayPort", "30000"),
            $"cli: --gateway port {port} is not {host}'s gateway port");
        AssertNone(_errors);
    }

    [Fact]
    public void The_collector_and_jaeger_are_wired()
    {
        YamlNode collector = Services["otel-collector"];
        Expect(collector["image"].Or("").StartsWith("otel/opentelemetry-collector-contrib", StringComparison.Ordinal), "otel-collector: image must be otel/opentelemetry-collector-contrib");
        Expect(collector["volumes"].Items.Any(v => v.Or("").Split(':')[0] == "./otel-collector.yaml"), "otel-collector: must mount ./otel-collector.yaml");
        YamlNode jaeger = Services["jaeger"];
        Expect(jaeger["image"].Or("").StartsWith("jaegertracing/", StringComparison.Ordinal), "jaeger: image must be a jaegertracing image");
        Expect(ContainerPorts(jaeger).Contains("16686"), "jaeger: the UI port 16686 must be published");

        YamlNode config = Yaml[CollectorPath][0];
        YamlNode pipelines = config["service"]["pipelines"];
        foreach (string kind in new[] { "receivers", "processors", "exporters" })
        {
            var defined = config[kind].Keys.ToHashSet();
            foreach (var (pipeline, spec) in pipelines.Entries)
            {
                foreach (string component in spec[kind].Words.Where(c => !defined.Contains(c)))
                {
                    _errors.Add($"{CollectorPath}: pipeline {pipeline} uses {kind[..^1]} {component}, which is not defined");
                }
            }
        }
        Expect(config["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"].Or("").EndsWith(":4317", StringComparison.Ordinal), $"{CollectorPath}: the otlp receiver must take gRPC on :4317");
        Expect(pipelines["traces"]["exporters"].Words.Select(e => config["exporters"][e]["endpoint"].Or(""))
                .Any(t => t.Split(':')[0] == "jaeger" && t.EndsWith(":4317", StringComparison.Ordinal) && Services.Has("jaeger")),
            $"{CollectorPath}: the traces pipeline must export to jaeger:4317 (the compose service)");
        Expect(pipelines.Has("metrics"), $"{CollectorPath}: no metrics pipeline");
        AssertNone(_errors);
    }

    /// <summary>A service's environment as text, from a mapping or a list of NAME=value.</summary>
    internal static Dictionary<string, string> Environment(YamlNode service)
    {
        YamlNode env = service["environment"];
        return env.Items.Any()
            ? env.Items.Select(i => i.Or("").Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "")
            : env.Entries.ToDictionary(e => e.Key, e => e.Value.Or(""));
    }

    private static List<string> ContainerPorts(YamlNode service) =>
        [.. service["ports"].Items.Select(p => p.Text is { } text ? text.Split(':')[^1].Split('/')[0] : p["target"].Or(""))];

    private void CheckBuild(string name, YamlNode service)
    {
        YamlNode build = service["build"];
        if (!build.IsEmpty)
        {
            string context = Path.GetFullPath(Path.Combine(Repository.Path("deploy"), build["context"].Or(".")));
            string dockerfile = Path.Combine(context, build["dockerfile"].Or("Dockerfile"));
            Expect(File.Exists(dockerfile), $"{name}: build.dockerfile {dockerfile} does not exist");
        }
    }

    private void Expect(bool condition, string error)
    {
        if (!condition)
        {
            _errors.Add(error.StartsWith(ComposePath, StringComparison.Ordinal) || error.StartsWith(CollectorPath, StringComparison.Ordinal) ? error : $"{ComposePath}: {error}");
        }
    }
}
