namespace RobustGrid.Grains;

/// <summary>The grain storage providers RobustGrid's grains use; memory by default, configurable in the silo host.</summary>
public static class StorageNames
{
    public const string Runs = "runs";

    public const string Sweeps = "sweeps";
}
