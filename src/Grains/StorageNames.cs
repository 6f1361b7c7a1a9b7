namespace RobustGrid.Grains;

/// <summary>
/// The grain storage provider RobustGrid's grains use; memory by default, configurable in the silo host. Only sweeps
/// keep state: a run's result lives in its activation until its sweep commits it to Parquet.
/// </summary>
public static class StorageNames
{
    public const string Sweeps = "sweeps";
}
