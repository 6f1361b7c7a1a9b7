using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Committed;

/// <summary>
/// A sweep's runs that earlier sweeps' committed results hold (<see cref="CommittedRunIndex"/>), read back as records
/// by position in the sweep's sorted key list, positions asked in ascending order: one
/// <see cref="CommittedRunReader"/> per source directory, opened when its first run is asked for.
/// </summary>
public sealed class CommittedRuns : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _sortedKeys;
    private readonly Func<RunSpec, int, int> _testIndexOf;
    private readonly CommittedRunReader?[] _readers;
    private int _lastPosition = -1;

    /// <param name="index">Where the runs of <paramref name="sortedKeys"/> are held.</param>
    /// <param name="sortedKeys">The keys <paramref name="index"/> was found for.</param>
    /// <param name="testIndexOf">As <see cref="CommittedRunReader"/>'s.</param>
    public CommittedRuns(CommittedRunIndex index, IReadOnlyList<string> sortedKeys, Func<RunSpec, int, int> testIndexOf)
    {
        if (index.Total != sortedKeys.Count)
        {
            throw new ArgumentException($"The index was found for {index.Total} keys, not {sortedKeys.Count}.", nameof(sortedKeys));
        }
        (Index, _sortedKeys, _testIndexOf) = (index, sortedKeys, testIndexOf);
        _readers = new CommittedRunReader?[index.Directories.Count];
    }

    public CommittedRunIndex Index { get; }

    /// <summary>How many of the runs are held.</summary>
    public int Count => Index.Count;

    /// <summary>Finds the runs of <paramref name="sortedKeys"/> under <paramref name="resultsRoot"/> (<see cref="CommittedRunIndex.FindAsync"/>).</summary>
    public static async Task<CommittedRuns> FindAsync(string resultsRoot, IReadOnlyList<string> sortedKeys, Func<RunSpec, int, int> testIndexOf, CancellationToken cancellationToken) =>
        new(await CommittedRunIndex.FindAsync(resultsRoot, sortedKeys, cancellationToken), sortedKeys, testIndexOf);

    /// <summary>True when the run at <paramref name="position"/> is held.</summary>
    public bool Holds(int position) => Index.SourceOf(position) >= 0;

    /// <summary>
    /// The record of the run at <paramref name="position"/>, or null when no sweep holds it (or its sweep no longer
    /// holds it completed). Positions must come in strictly ascending order.
    /// </summary>
    public async ValueTask<RunRecord?> ReadAsync(int position, CancellationToken cancellationToken)
    {
        if (position <= _lastPosition)
        {
            throw new InvalidOperationException($"Positions must be read in ascending order: {position} came after {_lastPosition}.");
        }
        _lastPosition = position;
        int source = Index.SourceOf(position);
        if (source < 0)
        {
            return null;
        }
        CommittedRunReader reader = _readers[source] ??= new CommittedRunReader(Index.Directories[source], _testIndexOf);
        return await reader.ReadAsync(_sortedKeys[position], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < _readers.Length; i++)
        {
            if (_readers[i] is { } reader)
            {
                _readers[i] = null;
                await reader.DisposeAsync();
            }
        }
    }
}
