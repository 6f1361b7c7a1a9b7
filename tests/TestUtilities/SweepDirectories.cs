using RobustGrid.Results.Layout;

namespace RobustGrid.TestUtilities;

/// <summary>Copies of a sweep's tables, in whichever layout they are, for tests that change one copy.</summary>
public static class SweepDirectories
{
    /// <summary>Copies <paramref name="tables"/> (every table when none are named) of <paramref name="source"/> into <paramref name="destination"/>, same layout.</summary>
    public static void CopyTables(string source, string destination, params string[] tables)
    {
        foreach (string table in tables.Length > 0 ? tables : SweepTables.All)
        {
            foreach (string file in SweepTables.Files(source, table))
            {
                string target = Path.Combine(destination, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
