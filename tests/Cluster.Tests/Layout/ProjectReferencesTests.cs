using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RobustGrid.Cluster.Tests.Layout;

/// <summary>The allowed references between the projects under src (docs/ARCHITECTURE.md), read from the project files.</summary>
[Trait("Category", "Unit")]
public sealed partial class ProjectReferencesTests
{
    private static readonly string Src = Path.Combine(Repository.Root, "src");

    [Fact]
    public void Core_depends_on_nothing_of_ours() => Assert.Empty(References("Core"));

    [Fact]
    public void Grains_depend_on_neither_the_hosts_nor_the_hosting() =>
        Assert.Empty(Closure("Grains").Intersect(["Client", "Silo", "Hosting", "Reports"]));

    [Fact]
    public void Grains_use_the_Orleans_SDK_and_no_hosting_packages() =>
        Assert.All(Packages("Grains"), p => Assert.Contains(p, new[] { "Microsoft.Orleans.Sdk", "Microsoft.Orleans.Reminders" }));

    [Fact]
    public void Reports_do_not_depend_on_grains() => Assert.DoesNotContain("Grains", Closure("Reports"));

    [Fact]
    public void Contracts_and_results_do_not_depend_on_grains()
    {
        Assert.Equal(["Core"], References("Grains.Contracts"));
        Assert.DoesNotContain("Grains", Closure("Results"));
    }

    [Fact]
    public void The_client_reaches_grains_through_the_contracts_and_its_silo_through_hosting()
    {
        Assert.DoesNotContain("Grains", References("Client"));
        Assert.Contains("Grains.Contracts", References("Client"));
        Assert.Contains("Hosting", References("Client"));
        var uses = Directory.EnumerateFiles(Path.Combine(Src, "Client"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => GrainsNamespace().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"));
        Assert.Empty(uses);
    }

    [Fact]
    public void The_dashboard_reads_results_and_reaches_grains_only_through_the_contracts()
    {
        Assert.Equal(["Results"], References("Dashboard"));
        Assert.Empty(Closure("Dashboard").Intersect(["Grains", "Hosting", "Client", "Silo", "Reports"]));
        Assert.Empty(Packages("Dashboard"));
    }

    /// <summary>The project folders under src that <paramref name="project"/> references directly.</summary>
    private static IReadOnlyList<string> References(string project) =>
        [.. ProjectFile(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Src, project, (string)r.Attribute("Include")!)))!))
            .Order(StringComparer.Ordinal)];

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(References(project));
        while (pending.TryPop(out string? next))
        {
            if (seen.Add(next))
            {
                foreach (string reference in References(next))
                {
                    pending.Push(reference);
                }
            }
        }
        return seen;
    }

    private static IEnumerable<string> Packages(string project) =>
        ProjectFile(project).Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!);

    private static XDocument ProjectFile(string project) =>
        XDocument.Load(Path.Combine(Src, project, $"RobustGrid.{project}.csproj"));

    // A namespace of the grains' implementation (not their contracts) named in code.
    [GeneratedRegex(@"RobustGrid\.Grains(?!\.Contracts)\.?[A-Za-z.]*")]
    private static partial Regex GrainsNamespace();
}
