using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results.Committed;

/// <summary>
/// Which of a sweep's runs earlier sweeps' committed results hold completed, and where: for each position of a sorted
/// key list, the index of a sweep directory (in <see cref="Directories"/>) holding that run with status "completed",
/// or -1. <see cref="FindAsync"/> scans every sweep under a results root reading only the runs table's run_key and
/// status columns, a row group at a time, and merges each sweep's sorted keys against the list: memory is the list's
/// and a row group's, however many runs the root holds.
/// </summary>
public sealed class CommittedRunIndex
{
    private const string RunKey = "run_key";
    private const string Status = "status";

    private readonly int[] _sources;

    private CommittedRunIndex(int[] sources, IReadOnlyList<string> directories, int count) =>
        (_sources, Directories, Count) = (sources, directories, count);

    /// <summary>The sweep directories that hold at least one of the runs, in the order they were scanned (ordinal by name).</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>How many positions are held.</summary>
    public int Count { get; }

    /// <summary>The number of keys looked for.</summary>
    public int Total => _sources.Length;

    /// <summary>The index in <see cref="Directories"/> of the sweep holding the run at <paramref name="position"/>, or -1.</summary>
    public int SourceOf(int position) => _sources[position];

    /// <summary>
    /// Finds, for each of <paramref name="sortedKeys"/> (strictly ascending ordinal order), the first sweep directory
    /// under <paramref name="resultsRoot"/> (subdirectories in ordinal order of their names, hidden ones such as
    /// <c>.state</c> left out) whose runs table holds it completed. A missing root holds nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The keys are not strictly ascending.</exception>
    /// <exception cref="InvalidDataException">A sweep's runs table is not in run-key order.</exception>
    public static async Task<CommittedRunIndex> FindAsync(string resultsRoot, IReadOnlyList<string> sortedKeys, CancellationToken cancellationToken)
    {
        for (int i = 1; i < sortedKeys.Count; i++)
        {
            if (string.CompareOrdinal(sortedKeys[i - 1], sortedKeys[i]) >= 0)
            {
                throw new ArgumentException($"The run keys must be strictly ascending: {sortedKeys[i]} comes after {sortedKeys[i - 1]}.", nameof(sortedKeys));
            }
        }
        var sources = new int[sortedKeys.Count];
        Array.Fill(sources, -1);
        var directories = new List<string>();
        int count = 0;
        foreach (string directory in SweepDirectories(resultsRoot))
        {
            if (count == sortedKeys.Count)
            {
                break;
            }
            int found = await MarkAsync(directory, directories.Count, sortedKeys, sources, cancellationToken);
            if (found > 0)
            {
                directories.Add(directory);
                count += found;
            }
        }
        return new CommittedRunIndex(sources, directories, count);
    }

    /// <summary>The subdirectories of <paramref name="resultsRoot"/> that have a runs table, in ordinal order of their names.</summary>
    private static IEnumerable<string> SweepDirectories(string resultsRoot)
    {
        if (!Directory.Exists(resultsRoot))
        {
            return [];
        }
        string[] directories = Directory.GetDirectories(resultsRoot);
        Array.Sort(directories, StringComparer.Ordinal);
        return directories.Where(d => !Path.GetFileName(d).StartsWith('.') && SweepTables.Exists(d, SweepTables.Runs));
    }

    /// <summary>
    /// Sets <paramref name="index"/> at each position still unheld whose run <paramref name="directory"/> holds
    /// completed; returns how many it set.
    /// </summary>
    private static async Task<int> MarkAsync(string directory, int index, IReadOnlyList<string> sortedKeys, int[] sources, CancellationToken cancellationToken)
    {
        int found = 0, position = 0;
        string? last = null;
        foreach (string path in SweepTables.Files(directory, SweepTables.Runs))
        {
            await using ParquetColumns file = await ParquetColumns.OpenFilesAsync(path, [path], cancellationToken);
            for (int g = 0; g < file.RowGroupCount && position < sortedKeys.Count; g++)
            {
                using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
                if (group.RowCount == 0 || !file.MayHold(group, RunKey, sortedKeys))
                {
                    continue;
                }
                string[] keys = await file.StringsAsync(group, RunKey, cancellationToken);
                string[] statuses = await file.StringsAsync(group, Status, cancellationToken);
                for (int i = 0; i < keys.Length && position < sortedKeys.Count; i++)
                {
                    if (last is not null && string.CompareOrdinal(keys[i], last) < 0)
                    {
                        throw new InvalidDataException($"{path}: run key {keys[i]} comes after {last}; a runs table must be in run-key order.");
                    }
                    last = keys[i];
                    while (position < sortedKeys.Count && string.CompareOrdinal(sortedKeys[position], keys[i]) < 0)
                    {
                        position++;
                    }
                    if (position < sortedKeys.Count && statuses[i] == RunRow.CompletedStatus && sources[position] == -1
                        && string.Equals(sortedKeys[position], keys[i], StringComparison.Ordinal))
                    {
                        sources[position] = index;
                        found++;
                    }
                }
            }
            if (position == sortedKeys.Count)
            {
                break;
            }
        }
        return found;
    }
}
