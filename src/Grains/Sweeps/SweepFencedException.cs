namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Storage refused a sweep's state write as stale: another activation of the sweep (Orleans may briefly run two after
/// a silo dies) wrote since. The stale one commits nothing more and deactivates.
/// </summary>
public sealed class SweepFencedException(string sweepId, Exception? inner = null)
    : Exception($"Sweep {sweepId}: another activation of this sweep wrote its state; this one stops committing and deactivates.", inner);
