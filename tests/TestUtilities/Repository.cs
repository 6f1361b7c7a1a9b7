namespace RobustGrid.TestUtilities;

/// <summary>The repository the tests were built from: the directory above their output that holds RobustGrid.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, e.g. <c>Repository.Path("docs", "RESULTS-SCHEMA.md")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>
    /// The built output of a project under src, from the same configuration and framework as the calling tests
    /// (<c>tests/X/bin/&lt;configuration&gt;/&lt;framework&gt;/</c>).
    /// </summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string path = Path("src", project, "bin", bin.Parent!.Name, bin.Name, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build RobustGrid.sln first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RobustGrid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("RobustGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
