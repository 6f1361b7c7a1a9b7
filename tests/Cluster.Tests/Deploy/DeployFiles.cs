using System.Text.RegularExpressions;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// deploy/'s files, parsed once: every YAML document by repository-relative path ("deploy/docker-compose.yml"), and
/// the checks' shared vocabulary. No container engine runs here, so the deployment is checked by reading it.
/// </summary>
internal static partial class DeployFiles
{
    public const string ComposePath = "deploy/docker-compose.yml";
    public const string CollectorPath = "deploy/otel-collector.yaml";
    public const string KubernetesDirectory = "deploy/kubernetes";
    public const string OptionsPath = "src/Grains/RobustGridOptions.cs";
    public const string HostingDirectory = "src/Hosting";

    private static readonly Lazy<Dictionary<string, List<YamlNode>>> _documents = new(LoadYaml);

    /// <summary>Every YAML file under deploy/ (.yaml and .yml), each as its documents.</summary>
    public static Dictionary<string, List<YamlNode>> Yaml => _documents.Value;

    public static YamlNode Compose => Yaml[ComposePath][0];

    public static string Read(string relativePath) => File.ReadAllText(Repository.Path(relativePath));

    /// <summary>The files under deploy/ and docs/DEPLOY.md, which name RobustGrid settings.</summary>
    public static IEnumerable<string> SettingFiles() =>
        Directory.EnumerateFiles(Repository.Path("deploy"), "*", SearchOption.AllDirectories)
            .Select(Relative).Append("docs/DEPLOY.md").Order(StringComparer.Ordinal);

    public static string Relative(string fullPath) => Path.GetRelativePath(Repository.Root, fullPath).Replace('\\', '/');

    /// <summary>A Compose duration ("120s", "1m30s") in seconds.</summary>
    public static double Seconds(string duration) =>
        Duration().Matches(duration).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * m.Groups[2].Value switch
        {
            "ms" => 0.001,
            "m" => 60,
            "h" => 3600,
            _ => 1,
        });

    /// <summary>The silo host's liveness and readiness paths, as src/Silo/SiloHealth.cs names them.</summary>
    public static (string Live, string Ready) HealthPath
    {
        get
        {
            string source = Read("src/Silo/SiloHealth.cs");
            string Path(string name) => Regex.Match(source, name + @"\s*=\s*""([^""]+)""") is { Success: true } m ? m.Groups[1].Value
                : throw new InvalidOperationException($"src/Silo/SiloHealth.cs no longer names {name}");
            return (Path("LivePath"), Path("ReadyPath"));
        }
    }

    /// <summary>
    /// What is wrong with a container health check command, which must be the silo's own probe of a health path on its
    /// health port: <c>dotnet /app/robustgrid-silo.dll --probe http://127.0.0.1:PORT/PATH</c>.
    /// </summary>
    public static IEnumerable<string> ProbeErrors(IReadOnlyList<string> command, string healthPort, string path)
    {
        string wanted = $"http://127.0.0.1:{healthPort}{path}";
        string flag = Regex.Match(Read("src/Silo/HttpProbe.cs"), @"Flag\s*=\s*""([^""]+)""").Groups[1].Value;
        if (command is not ["dotnet", string dll, string given, string url] || !dll.EndsWith("/robustgrid-silo.dll", StringComparison.Ordinal) || given != flag || url != wanted)
        {
            yield return $"the health check must run [\"dotnet\", \"/app/robustgrid-silo.dll\", \"{flag}\", \"{wanted}\"] (runs [{string.Join(", ", command)}])";
        }
    }

    /// <summary>Passes when there are no errors; otherwise fails with every one of them, a line each.</summary>
    public static void AssertNone(IEnumerable<string> errors)
    {
        var all = errors.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    /// <summary>The text after <paramref name="flag"/> in <paramref name="words"/>, or "" when it is absent or last.</summary>
    public static string After(IReadOnlyList<string> words, string flag)
    {
        int i = words.ToList().IndexOf(flag);
        return i >= 0 && i + 1 < words.Count ? words[i + 1] : "";
    }

    private static Dictionary<string, List<YamlNode>> LoadYaml() =>
        Directory.EnumerateFiles(Repository.Path("deploy"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToDictionary(Relative, YamlNode.LoadAll);

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Duration();
}
