namespace RobustGrid.Cluster.Tests.Launcher;

/// <summary>
/// The repository's `./robustgrid` launcher: its choice of build, and the background build of the composite start-up
/// (one at a time, under a lock). Each test runs a copy of the script in its own folder, so nothing is built.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LauncherScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("robustgrid-launcher-").FullName;
    private readonly string _script;

    public LauncherScriptTests()
    {
        _script = Path.Combine(_root, "robustgrid");
        File.Copy(Repository.Path("robustgrid"), _script);
    }

    [Fact]
    public async Task An_unknown_ROBUSTGRID_COMPOSITE_exits_2_with_one_line()
    {
        using ChildProcess launcher = ChildProcess.Start("robustgrid", "bash", [_script, "sweep"], new Dictionary<string, string> { ["ROBUSTGRID_COMPOSITE"] = "yes" });

        Assert.True(await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, launcher.ExitCode);
        Assert.Equal("robustgrid: ROBUSTGRID_COMPOSITE must be auto, 1 or 0 (got 'yes')", launcher.Output.Trim());
        Assert.False(Directory.Exists(Path.Combine(_root, ".robustgrid")), "nothing is built or started for a bad setting");
    }

    [Fact]
    public async Task A_background_build_finds_another_one_under_way_and_leaves_at_once()
    {
        if (!File.Exists("/usr/bin/flock"))
        {
            Assert.Fail("flock (util-linux) is missing");
        }
        Directory.CreateDirectory(Path.Combine(_root, ".robustgrid"));
        // .NET holds FileShare.None with flock(2), the lock the script takes with flock -n.
        using var held = new FileStream(Path.Combine(_root, ".robustgrid", "composite.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using ChildProcess build = ChildProcess.Start("robustgrid", "bash", [_script], new Dictionary<string, string> { ["ROBUSTGRID_BUILD_ONLY"] = "1" });

        Assert.True(await build.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, build.ExitCode);
        Assert.Equal("", build.Output.Trim());
        Assert.Equal([".robustgrid/composite.lock"], Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_root, p)).Where(p => p != "robustgrid" && p != ".robustgrid").Order());
    }

    [Fact]
    public async Task A_background_build_that_fails_is_marked_failed_and_installs_nothing()
    {
        // A copy without the sources: the build's first step fails, as any step of a real build may.
        Directory.CreateDirectory(Path.Combine(_root, ".robustgrid"));
        using ChildProcess build = ChildProcess.Start("robustgrid", "bash", [_script], new Dictionary<string, string> { ["ROBUSTGRID_BUILD_ONLY"] = "1" });

        Assert.True(await build.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.NotEqual(0, build.ExitCode);
        Assert.True(File.Exists(Path.Combine(_root, ".robustgrid", "composite.failed")), build.Output);
        Assert.False(Directory.Exists(Path.Combine(_root, ".robustgrid", "app")), "a failed build must not leave an app/ that later runs would use");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
