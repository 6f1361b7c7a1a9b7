namespace RobustGrid.Grains;

/// <summary>Where sweep grains keep their state (RobustGrid:Storage).</summary>
public enum StorageKind
{
    /// <summary>In the silo's memory: lost with the silo, and kept until then.</summary>
    Memory,

    /// <summary>In Redis, shared by the silos of a cluster.</summary>
    Redis,

    /// <summary>One file per grain under <see cref="RobustGridOptions.StateDirectory"/>: one machine, durable across restarts.</summary>
    File,
}
