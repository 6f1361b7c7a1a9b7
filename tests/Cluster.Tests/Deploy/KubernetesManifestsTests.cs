using System.Globalization;
using System.Text.RegularExpressions;
using static RobustGrid.Cluster.Tests.Deploy.DeployFiles;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// deploy/kubernetes follows Orleans' Kubernetes hosting: labels and downward-API environment on the silo pods, the
/// pod verbs granted and bound to their service account, and every secret, volume and Service reference resolving
/// inside the kustomization; and <c>kubectl kustomize</c> renders it.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class KubernetesManifestsTests
{
    private const string Kustomization = KubernetesDirectory + "/kustomization.yaml";

    private readonly List<string> _errors = [];

    /// <summary>(file, object) of every resource the kustomization lists.</summary>
    private static readonly Lazy<List<(string Path, YamlNode Object)>> _objects = new(() =>
        [.. Resources().Where(Yaml.ContainsKey).SelectMany(p => Yaml[p].Select(o => (p, o)))]);

    /// <summary>(file, object) of the other manifests (the one-off Job).</summary>
    private static readonly Lazy<List<(string Path, YamlNode Object)>> _extra = new(() =>
        [.. Yaml.Where(d => d.Key.StartsWith(KubernetesDirectory + "/", StringComparison.Ordinal) && d.Key != Kustomization && !Resources().Contains(d.Key))
            .SelectMany(d => d.Value.Select(o => (d.Key, o)))]);

    private static List<(string Path, YamlNode Object)> Objects => _objects.Value;

    [Fact]
    public void Every_resource_exists_and_no_object_sets_a_namespace()
    {
        foreach (string resource in Resources().Where(r => !Yaml.ContainsKey(r)))
        {
            _errors.Add($"{Kustomization}: resource {resource} does not exist or does not parse");
        }
        foreach (var (path, obj) in Objects.Concat(_extra.Value).Where(o => !o.Object["metadata"]["namespace"].IsEmpty))
        {
            _errors.Add($"{path}: {obj["kind"].Text} {obj["metadata"]["name"].Text} sets a namespace; the manifests are namespace-agnostic");
        }
        AssertNone(_errors);
    }

    [Fact]
    public void The_silo_deployment_carries_Orleans_labels_environment_probes_and_the_shared_results_claim()
    {
        var silos = SiloDeployments();
        Assert.True(silos.Count == 1, $"expected one silo Deployment (container port 11111), found {silos.Count}");
        var (path, deployment) = silos[0];
        YamlNode spec = deployment["spec"], template = spec["template"], pod = template["spec"];
        var labels = template["metadata"]["labels"].Entries.ToDictionary(e => e.Key, e => e.Value.Or(""));
        Expect(path, spec["replicas"].Text == "3", "the silo Deployment must have 3 replicas");
        Expect(path, spec["selector"]["matchLabels"].Entries.All(e => labels.GetValueOrDefault(e.Key) == e.Value.Text), "selector.matchLabels is not a subset of the pod template's labels");
        foreach (string label in new[] { "orleans/serviceId", "orleans/clusterId" })
        {
            Expect(path, labels.GetValueOrDefault(label, "").Length > 0, $"the pod template lacks the label {label}");
        }
        double grace = double.Parse(pod["terminationGracePeriodSeconds"].Or("30"), CultureInfo.InvariantCulture);
        Expect(path, grace >= 120, "terminationGracePeriodSeconds must leave the graceful Orleans shutdown time (>= 120)");
        string? account = pod["serviceAccountName"].Text;
        Expect(path, Find("ServiceAccount", account).Any(), $"serviceAccountName '{account}' is not a ServiceAccount in the kustomization");

        YamlNode container = pod["containers"].Items.First();
        var env = container["env"].Items.ToList();
        var byName = env.ToDictionary(e => e["name"].Or(""));
        CheckEnvironmentOrder(path, env);
        var fieldRefs = new Dictionary<string, string>
        {
            ["POD_NAME"] = "metadata.name", ["POD_NAMESPACE"] = "metadata.namespace", ["POD_IP"] = "status.podIP",
            ["ORLEANS_SERVICE_ID"] = "metadata.labels['orleans/serviceId']", ["ORLEANS_CLUSTER_ID"] = "metadata.labels['orleans/clusterId']",
        };
        foreach (var (name, field) in fieldRefs)
        {
            string? actual = byName.GetValueOrDefault(name)["valueFrom"]["fieldRef"]["fieldPath"].Text;
            Expect(path, actual == field, $"env {name} must come from the downward API field {field} (is '{actual}')");
        }
        var values = SiloEnvironment(container);
        Expect(path, values.GetValueOrDefault("RobustGrid__Clustering") == "Kubernetes", "env RobustGrid__Clustering must be Kubernetes");
        YamlNode secretRef = byName.GetValueOrDefault("RobustGrid__Redis")["valueFrom"]["secretKeyRef"];
        Expect(path, SecretHas(secretRef["name"].Text, secretRef["key"].Text), "env RobustGrid__Redis must come from a key of a Secret in the kustomization");
        Expect(path, values.GetValueOrDefault("RobustGrid__AdvertisedAddress") == "$(POD_IP)", "RobustGrid__AdvertisedAddress must be $(POD_IP): the silo advertises the pod's address and listens on every address");
        Expect(path, !values.TryGetValue("RobustGrid__ShutdownSeconds", out string? shutdown) || double.Parse(shutdown, CultureInfo.InvariantCulture) < grace,
            "RobustGrid__ShutdownSeconds must be below terminationGracePeriodSeconds");

        var ports = container["ports"].Items.Select(p => p["containerPort"].Or("")).ToHashSet();
        foreach (var (key, fallback) in new[] { ("SiloPort", "11111"), ("GatewayPort", "30000") })
        {
            string wanted = values.GetValueOrDefault($"RobustGrid__{key}", fallback);
            Expect(path, ports.Contains(wanted), $"container port {wanted} ({key}) is not declared");
        }
        // Probes ask the silo host's health endpoints: joined and active (startup, readiness), serving (liveness).
        string healthPort = values.GetValueOrDefault("RobustGrid__HealthPort", "");
        Expect(path, int.TryParse(healthPort, out int health) && health > 0 && ports.Contains(healthPort), $"RobustGrid__HealthPort ('{healthPort}') must be a declared container port");
        var (live, ready) = HealthPath;
        foreach (var (probe, wanted) in new[] { ("startupProbe", ready), ("livenessProbe", live), ("readinessProbe", ready) })
        {
            YamlNode get = container[probe]["httpGet"];
            string port = PortNumber(container, get["port"].Or(""));
            Expect(path, get["path"].Text == wanted && port == healthPort,
                $"{probe} must be an httpGet of {wanted} on the health port {healthPort} (is {get["path"].Text ?? "no httpGet"} on port '{port}')");
            Expect(path, container[probe]["tcpSocket"].IsEmpty && container[probe]["exec"].IsEmpty, $"{probe} must be the httpGet alone");
        }

        string results = values.GetValueOrDefault("RobustGrid__ResultsDirectory", "results");
        YamlNode mount = container["volumeMounts"].Items.FirstOrDefault(m => m["mountPath"].Text == results);
        YamlNode volume = pod["volumes"].Items.FirstOrDefault(v => !mount.IsEmpty && v["name"].Text == mount["name"].Text);
        string? claim = volume["persistentVolumeClaim"]["claimName"].Text;
        var claims = Named("PersistentVolumeClaim");
        Expect(path, claim is not null && claims.ContainsKey(claim), $"RobustGrid__ResultsDirectory '{results}' must be a mounted PersistentVolumeClaim of the kustomization");
        Expect(path, claim is null || !claims.ContainsKey(claim) || claims[claim]["spec"]["accessModes"].Words.Contains("ReadWriteMany"),
            $"the results claim {claim} must be ReadWriteMany (all silos write to it)");
        AssertNone(_errors);
    }

    [Fact]
    public void A_role_grants_the_pod_verbs_to_the_silos_service_account_and_a_service_reaches_their_gateways()
    {
        var (_, deployment) = SiloDeployments().Single();
        YamlNode pod = deployment["spec"]["template"];
        string? account = pod["spec"]["serviceAccountName"].Text;
        var labels = pod["metadata"]["labels"].Entries.ToDictionary(e => e.Key, e => e.Value.Or(""));
        string[] needed = ["get", "watch", "list", "delete", "patch"];
        var podRoles = Find("Role").Where(r => r.Object["rules"].Items.Any(rule => rule["apiGroups"].Words.Contains("")
                && rule["resources"].Words.Contains("pods") && needed.All(rule["verbs"].Words.Contains)))
            .Select(r => r.Object["metadata"]["name"].Text).ToHashSet();
        Expect(KubernetesDirectory, podRoles.Count > 0, $"no Role grants {string.Join(", ", needed)} on pods (Orleans' Kubernetes hosting needs them)");
        Expect(KubernetesDirectory, Find("RoleBinding").Any(b => b.Object["roleRef"]["kind"].Text == "Role" && podRoles.Contains(b.Object["roleRef"]["name"].Text)
                && b.Object["subjects"].Items.Any(s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account)),
            $"no RoleBinding binds the pod role to the silos' ServiceAccount '{account}'");
        Expect(KubernetesDirectory, Named("Service").Values.Any(s => s["spec"]["selector"].Entries.Any()
                && s["spec"]["selector"].Entries.All(e => labels.GetValueOrDefault(e.Key) == e.Value.Text)
                && s["spec"]["ports"].Items.Any(p => p["targetPort"].Text is "30000" or "gateway")),
            "no Service selects the silo pods on the gateway port 30000");
        AssertNone(_errors);
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_and_the_sweep_job_reaches_a_gateway_service_and_a_known_claim()
    {
        foreach (var (path, set) in Find("StatefulSet"))
        {
            foreach (YamlNode c in set["spec"]["template"]["spec"]["containers"].Items.Where(c => c["image"].Or("").Contains("redis", StringComparison.Ordinal)))
            {
                Expect(path, After([.. c["command"].Words, .. c["args"].Words], "--appendonly") == "yes", "redis must run with --appendonly yes");
                CheckEnvironmentOrder(path, [.. c["env"].Items]);
            }
        }
        var services = Named("Service");
        var claims = Named("PersistentVolumeClaim");
        foreach (var (path, job) in Find("Job", _extra.Value))
        {
            foreach (YamlNode c in job["spec"]["template"]["spec"]["containers"].Items)
            {
                string gateway = After(c["args"].Words, "--gateway");
                int colon = gateway.LastIndexOf(':');
                string host = colon < 0 ? "" : gateway[..colon], port = gateway[(colon + 1)..];
                Expect(path, services.TryGetValue(host, out YamlNode service) && service["spec"]["ports"].Items.Any(p => p["port"].Text == port),
                    $"--gateway '{gateway}' does not name a Service port of the kustomization");
            }
            foreach (string? claim in job["spec"]["template"]["spec"]["volumes"].Items.Select(v => v["persistentVolumeClaim"]["claimName"].Text).Where(c => c is not null))
            {
                Expect(path, claims.ContainsKey(claim!), $"claim {claim} is not in the kustomization");
            }
        }
        AssertNone(_errors);
    }

    [Fact]
    public async Task Kubectl_renders_the_kustomization_into_the_objects_it_lists()
    {
        // Required, not skipped when absent: Debian's kubernetes-client package provides kubectl, and .ci/run installs it.
        string? kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        Assert.True(kubectl is not null, "kubectl is not on PATH: install it (apt-get install kubernetes-client, as .ci/run does)");
        using var render = ChildProcess.Start("kubectl", kubectl, ["kustomize", Repository.Path(KubernetesDirectory)]);
        Assert.True(await render.WaitForExitAsync(TimeSpan.FromMinutes(1)), "kubectl kustomize hung");
        Assert.True(render.ExitCode == 0, render.Output);
        Assert.Equal(Objects.Select(o => o.Object["kind"].Or("")).Order(StringComparer.Ordinal),
            Regex.Matches(render.Output, @"^kind: (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    /// <summary>The Clustering and Storage values the silo Deployment sets, for the settings check.</summary>
    internal static Dictionary<string, string> SiloEnvironment(YamlNode container) =>
        container["env"].Items.Where(e => e.Has("value")).ToDictionary(e => e["name"].Or(""), e => e["value"].Or(""));

    internal static List<(string Path, YamlNode Object)> SiloDeployments() =>
        [.. Find("Deployment").Where(d => d.Object["spec"]["template"]["spec"]["containers"].Items
            .Any(c => c["ports"].Items.Any(p => p["containerPort"].Text == "11111")))];

    private static List<string> Resources() =>
        [.. Yaml[Kustomization][0]["resources"].Words.Select(r => $"{KubernetesDirectory}/{r}")];

    private static IEnumerable<(string Path, YamlNode Object)> Find(string kind, List<(string, YamlNode)>? pool = null, string? name = null) =>
        (pool ?? Objects).Where(o => o.Item2["kind"].Text == kind && (name is null || o.Item2["metadata"]["name"].Text == name));

    private static IEnumerable<(string Path, YamlNode Object)> Find(string kind, string? name) => Find(kind, null, name ?? "\0");

    private static Dictionary<string, YamlNode> Named(string kind) =>
        Find(kind).GroupBy(o => o.Object["metadata"]["name"].Or("")).ToDictionary(g => g.Key, g => g.First().Object);

    private static bool SecretHas(string? name, string? key) =>
        name is not null && key is not null && Named("Secret").TryGetValue(name, out YamlNode secret) && (secret["data"].Has(key) || secret["stringData"].Has(key));

    private static string PortNumber(YamlNode container, string port) =>
        int.TryParse(port, out _) ? port : container["ports"].Items.FirstOrDefault(p => p["name"].Text == port)["containerPort"].Or("");

    private void CheckEnvironmentOrder(string path, List<YamlNode> env)
    {
        var defined = new HashSet<string>();
        foreach (YamlNode item in env)
        {
            foreach (Match reference in EnvironmentReference().Matches(item["value"].Or("")))
            {
                Expect(path, defined.Contains(reference.Groups[1].Value), $"env {item["name"].Text} refers to $({reference.Groups[1].Value}) before it is defined");
            }
            defined.Add(item["name"].Or(""));
        }
    }

    private void Expect(string path, bool condition, string error)
    {
        if (!condition)
        {
            _errors.Add($"{path}: {error}");
        }
    }

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex EnvironmentReference();
}
