using System.Text.RegularExpressions;

namespace RobustGrid.Cluster.Tests.Layout;

/// <summary>Every test class has a name of its own across the test projects, so a failing test's name says which one failed.</summary>
[Trait("Category", "Unit")]
public sealed partial class TestClassNamesTests
{
    [Fact]
    public void No_two_test_classes_share_a_name()
    {
        var classes = Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TestClass().Matches(File.ReadAllText(f)).Select(m => (Name: m.Groups[1].Value, File: Path.GetRelativePath(Repository.Root, f))))
            .ToList();
        Assert.True(classes.Count > 50, $"only {classes.Count} test classes found under tests/: is the pattern still right?");
        var shared = classes.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.File))}");
        Assert.Empty(shared);
    }

    [GeneratedRegex(@"\bclass\s+(\w+Tests)\b")]
    private static partial Regex TestClass();
}
