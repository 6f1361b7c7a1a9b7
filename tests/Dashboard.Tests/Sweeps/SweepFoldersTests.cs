using RobustGrid.Dashboard.Sweeps;

namespace RobustGrid.Dashboard.Tests.Sweeps;

/// <summary>Which ids name a sweep folder of a results root: the sweep-id format, directly under the root, holding a sweep.</summary>
[Trait("Category", "Unit")]
public sealed class SweepFoldersTests : IDisposable
{
    private readonly TempDirectory _root = new("dashboard-folders");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/../b")]
    [InlineData("/etc")]
    [InlineData("a\\b")]
    [InlineData("..\\..")]
    [InlineData(".state")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("C:\\x")]
    [InlineData("a%2e%2e")]
    public void Malformed_ids_resolve_to_nothing(string? id) => Assert.False(SweepFolders.TryResolve(_root.Path, id, out _));

    [Fact]
    public void Only_folders_that_hold_a_sweep_are_listed_and_resolved()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "empty"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "with-manifest"));
        File.WriteAllText(Path.Combine(_root.Path, "with-manifest", "manifest.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_root.Path, "with-parts", "runs"));
        Directory.CreateDirectory(Path.Combine(_root.Path, ".hidden", "runs"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "linked"));
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "link"), Path.Combine(_root.Path, "with-parts"));

        Assert.Equal(["with-manifest", "with-parts"], SweepFolders.List(_root.Path));
        Assert.True(SweepFolders.TryResolve(_root.Path, "with-parts", out string directory));
        Assert.Equal(Path.Combine(_root.Path, "with-parts"), directory);
        Assert.False(SweepFolders.TryResolve(_root.Path, "empty", out _));
        Assert.False(SweepFolders.TryResolve(_root.Path, "link", out _));
    }
}
