using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RobustGrid.Hosting;
using static RobustGrid.Cluster.Tests.Deploy.DeployFiles;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// Every RobustGrid setting the deployment files and docs/DEPLOY.md use is a property of <c>RobustGridOptions</c> (or a
/// subsection the hosting binds), so a renamed option fails here; and the Clustering and Storage values they set are
/// ones the silo accepts. Plus: every YAML file parses and the shell scripts have no syntax errors.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DeploySettingsTests
{
    [Fact]
    public void Every_yaml_file_parses_and_the_required_ones_exist()
    {
        Assert.NotEmpty(Yaml);
        Assert.All(new[] { ComposePath, CollectorPath, KubernetesDirectory + "/kustomization.yaml" }, p => Assert.Contains(p, Yaml.Keys));
    }

    [Fact]
    public async Task The_shell_scripts_parse()
    {
        foreach (string script in Directory.EnumerateFiles(Repository.Path("deploy"), "*.sh", SearchOption.AllDirectories))
        {
            using var bash = ChildProcess.Start("bash -n", "bash", ["-n", script]);
            Assert.True(await bash.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"bash -n {script} hung");
            Assert.True(bash.ExitCode == 0, $"{Relative(script)}: {bash.Output}");
        }
    }

    [Fact]
    public void Every_setting_used_is_an_option_of_the_code()
    {
        string options = Read(OptionsPath);
        Assert.Matches(@"Section\s*=\s*""RobustGrid""", options);
        var names = OptionProperty().Matches(options).Select(m => m.Groups[1].Value).ToHashSet();
        // Subsections bound to Orleans' own options (SiloBuilderExtensions.MembershipSection) are settings too.
        names.UnionWith(Subsection().Matches(Read(HostingDirectory + "/SiloBuilderExtensions.cs")).Select(m => m.Groups[1].Value));
        var unknown = SettingFiles()
            .SelectMany(file => SettingName().Matches(Read(file)).Select(m => (File: file, Key: m.Groups[1].Value)))
            .Where(u => !names.Contains(u.Key))
            .Select(u => $"{u.File}: uses RobustGrid:{u.Key}, but {OptionsPath} has no property {u.Key} (renamed or not added yet?)")
            .Distinct();
        AssertNone(unknown);
    }

    [Fact]
    public void Every_clustering_and_storage_value_set_is_one_the_silo_accepts()
    {
        var used = new List<(string File, string Key, string Value)>();
        foreach (string silo in ComposeFileTests.Silos)
        {
            var env = ComposeFileTests.Environment(Compose["services"][silo]);
            used.AddRange(new[] { "Clustering", "Storage" }.Where(k => env.ContainsKey($"RobustGrid__{k}")).Select(k => (ComposePath, k, env[$"RobustGrid__{k}"])));
        }
        foreach (var (path, deployment) in KubernetesManifestsTests.SiloDeployments())
        {
            var env = KubernetesManifestsTests.SiloEnvironment(deployment["spec"]["template"]["spec"]["containers"].Items.First());
            used.AddRange(new[] { "Clustering", "Storage" }.Where(k => env.ContainsKey($"RobustGrid__{k}")).Select(k => (path, k, env[$"RobustGrid__{k}"])));
        }
        Assert.NotEmpty(used);
        // Read as the silo reads its settings: a value outside the enum's names is refused there, with this message.
        string? Refusal(string key, string value)
        {
            var settings = new Dictionary<string, string?> { [$"RobustGrid:{key}"] = value };
            try
            {
                new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetRobustGridOptions();
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
        AssertNone(used.Select(u => (u, Refusal(u.Key, u.Value))).Where(r => r.Item2 is not null).Select(r => $"{r.u.File}: {r.Item2}"));
    }

    [Fact]
    public void The_recipes_and_the_fault_tests_run_the_grain_directory_users_get()
    {
        // The soak proves one coordinator per sweep under repeated kills with the distributed directory; users get what
        // the tests prove only if it is the default and neither a recipe nor a fault test sets it otherwise.
        Assert.True(new RobustGrid.Grains.RobustGridOptions().DistributedDirectory, "RobustGrid:DistributedDirectory is off by default: the recipes would run a directory the soak does not prove");
        string[] tests = [.. new[] { "Faults", "Soak", "Processes" }.SelectMany(d => Directory.EnumerateFiles(Repository.Path("tests/Cluster.Tests/" + d), "*.cs")).Select(Relative)];
        Assert.NotEmpty(tests);
        // A recipe names the setting only to set it (an environment entry); a test sets it as a silo argument ("...=value").
        AssertNone(SettingFiles().Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && Read(f).Contains("DistributedDirectory", StringComparison.Ordinal))
            .Concat(tests.Where(f => Read(f).Contains("DistributedDirectory=", StringComparison.Ordinal)))
            .Select(f => $"{f} sets RobustGrid:DistributedDirectory: the deployment and the fault tests must run its default"));
    }

    [GeneratedRegex(@"public\s+[^;{}()=]*?\b(\w+)\s*\{\s*get\s*;")]
    private static partial Regex OptionProperty();

    [GeneratedRegex(@"Section\s*\+\s*"":(\w+)""")]
    private static partial Regex Subsection();

    [GeneratedRegex(@"RobustGrid(?:__|:)([A-Za-z]\w*)")]
    private static partial Regex SettingName();
}
