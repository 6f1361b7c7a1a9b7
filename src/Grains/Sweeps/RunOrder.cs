using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A sweep's runs in run-key order (ordinal), the order runs start in and the tables' row order, with each key's
/// position: made once per coordinator and shared by the ledger, the results stream and the reuse index, so a
/// 1,000,000-run sweep holds one sorted copy and one key map, not one per concern.
/// </summary>
public sealed class RunOrder
{
    private readonly Dictionary<string, int> _positions;

    /// <summary>Orders <paramref name="runs"/>; <see cref="ArgumentException"/> when two have the same key.</summary>
    public RunOrder(IReadOnlyList<RunSpec> runs)
    {
        Runs = [.. runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
        Keys = [.. Runs.Select(r => r.Key)];
        _positions = new Dictionary<string, int>(Keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < Keys.Length; i++)
        {
            if (!_positions.TryAdd(Keys[i], i))
            {
                throw new ArgumentException($"Run {Keys[i]} is planned twice.", nameof(runs));
            }
        }
    }

    /// <summary>The runs, by position.</summary>
    public RunSpec[] Runs { get; }

    /// <summary>Their keys, by position (ascending, ordinal).</summary>
    public string[] Keys { get; }

    public int Count => Runs.Length;

    /// <summary>The position of the run with key <paramref name="runKey"/>; false when it is not one of these runs.</summary>
    public bool TryGetPosition(string runKey, out int position) => _positions.TryGetValue(runKey, out position);
}
