using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Tests;

/// <summary>What a stopped writer leaves is removed; what was committed stays.</summary>
[Trait("Category", "Unit")]
public sealed class SweepFilesWriterRemoveUnfinishedTests : IDisposable
{
    private readonly TempDirectory _root = new("remove-unfinished");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_temporary_files_of_every_table_and_of_the_manifest_go_and_committed_files_stay()
    {
        string sweep = Path.Combine(_root.Path, "sweep-1");
        var kept = new List<string> { Path.Combine(sweep, SweepManifest.FileName) };
        var dead = new List<string> { Path.Combine(sweep, "." + SweepManifest.FileName + ".0123abcd.tmp") };
        foreach (string table in SweepTables.All)
        {
            kept.Add(SweepTables.PartPath(sweep, table, 0));
            dead.Add(Path.Combine(SweepTables.PartsDirectory(sweep, table), "." + Path.GetFileName(SweepTables.PartPath(sweep, table, 1)) + ".89abcdef.tmp"));
        }
        foreach (string file in kept.Concat(dead))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "x");
        }

        SweepFilesWriter.RemoveUnfinished(sweep);

        Assert.All(kept, f => Assert.True(File.Exists(f), f));
        Assert.All(dead, f => Assert.False(File.Exists(f), f));
        SweepFilesWriter.RemoveUnfinished(Path.Combine(_root.Path, "no-such-sweep")); // nothing there: nothing to do
    }
}
