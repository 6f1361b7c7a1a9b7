namespace RobustGrid.Cluster.Tests.Repository;

/// <summary>The repository this test assembly was built from.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
}
