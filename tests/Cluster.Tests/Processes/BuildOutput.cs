namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>The built silo host and CLI, from the same configuration (Debug or Release) as these tests.</summary>
internal static class BuildOutput
{
    public static string Silo => Repository.BuiltAssembly("Silo", "robustgrid-silo.dll");

    public static string Cli => Repository.BuiltAssembly("Client", "robustgrid.dll");
}
