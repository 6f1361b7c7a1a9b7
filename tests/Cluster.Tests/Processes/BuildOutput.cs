namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>The built silo host and CLI, from the same configuration (Debug or Release) as these tests.</summary>
internal static class BuildOutput
{
    public static string Silo => Find(Path.Combine("src", "Silo"), "robustgrid-silo.dll");

    public static string Cli => Find(Path.Combine("src", "Client"), "robustgrid.dll");

    private static string Find(string project, string assembly)
    {
        // tests/Cluster.Tests/bin/<configuration>/<framework>/
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = bin.Name, configuration = bin.Parent!.Name;
        string root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        string path = Path.Combine(root, project, "bin", configuration, framework, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build RobustGrid.sln first.", path);
    }
}
