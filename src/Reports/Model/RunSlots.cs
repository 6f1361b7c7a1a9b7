namespace RobustGrid.Reports.Model;

/// <summary>
/// run_key -> (run, model) for the completed runs. Rows come in run_key order, so the last key is remembered and a
/// run's consecutive rows cost a string comparison instead of a hash lookup each.
/// </summary>
internal sealed class RunSlots(IReadOnlyDictionary<string, RunSlot> byKey)
{
    private string? _lastKey;
    private RunSlot? _last;

    /// <summary>The slot of a completed run; null for a failed run or a key runs.parquet does not have.</summary>
    public RunSlot? Find(string runKey)
    {
        if (!string.Equals(runKey, _lastKey, StringComparison.Ordinal))
        {
            _lastKey = runKey;
            _last = byKey.GetValueOrDefault(runKey);
        }
        return _last;
    }
}
