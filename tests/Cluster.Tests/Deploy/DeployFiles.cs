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
