using Parquet;
using Parquet.Schema;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Reading;

/// <summary>
/// One table of a sweep (<see cref="SweepTables.Files"/>: its single file, or its parts in order), read column by
/// column (projection): a report at the scale of 100,000 runs reads only the columns it draws, a row group at a time,
/// and never builds an object per row. The row groups of all the files are numbered as one sequence; only the file of
/// the group last opened is kept open (a 1,000,000-run sweep has 977 parts per table), so readers walk the groups in
/// ascending order (skipping some is fine; going back reopens a file).
/// </summary>
public sealed class ParquetColumns : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _files;
    // _starts[f] is the global index of file f's first row group; _starts[^1] is the number of groups.
    private readonly int[] _starts;
    private readonly Dictionary<string, DataField> _fields;
    private ParquetReader? _reader;
    private int _current;

    private ParquetColumns(string name, IReadOnlyList<string> files, int[] starts, ParquetReader first)
    {
        Name = name;
        (_files, _starts, _reader, _current) = (files, starts, first, 0);
        // Top-level column names: a list column's leaf is "weights/list/element", found as "weights".
        _fields = first.Schema.GetDataFields()
            .GroupBy(f => f.Path.ToString().Split('/')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The table's name, for messages: <c>runs.parquet</c>, or <c>runs/*.parquet</c> for its parts.</summary>
    public string Name { get; }

    /// <summary>The table's files in row order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Row groups in all the files.</summary>
    public int RowGroupCount => _starts[^1];

    /// <summary>
    /// The table <paramref name="table"/> (<see cref="SweepTables.Runs"/> etc.) of the sweep in <paramref name="directory"/>,
    /// in either layout; its first <paramref name="maxFiles"/> files when given (a reader that pairs two tables by
    /// position takes as many parts of the second as of the first, so a part committed in between is left out).
    /// </summary>
    /// <exception cref="InvalidDataException">The table has no files, or a part's columns differ from the first's.</exception>
    public static Task<ParquetColumns> OpenAsync(string directory, string table, CancellationToken cancellationToken, int? maxFiles = null)
    {
        IReadOnlyList<string> files = TableFiles.Of(directory, table);
        if (maxFiles is int max && max < files.Count)
        {
            files = [.. files.Take(Math.Max(1, max))];
        }
        return OpenFilesAsync(NameOf(table, files), files, cancellationToken);
    }

    /// <summary>How messages name <paramref name="table"/> read from <paramref name="files"/>: <c>runs.parquet</c>, or <c>runs/*.parquet</c> for parts.</summary>
    public static string NameOf(string table, IReadOnlyList<string> files) =>
        files.Count == 1 && Path.GetFileName(files[0]) == SweepTables.SingleFileName(table)
            ? SweepTables.SingleFileName(table)
            : Path.Combine(table, "*.parquet");

    /// <summary>The files <paramref name="files"/> (at least one, all of the same columns) read as one table called <paramref name="name"/>.</summary>
    public static async Task<ParquetColumns> OpenFilesAsync(string name, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{name} has no files.");
        }
        var starts = new int[files.Count + 1];
        ParquetReader first = await ParquetReader.CreateAsync(files[0], null, cancellationToken);
        try
        {
            starts[1] = first.RowGroupCount;
            // Each later footer is read once to count its groups (and check its columns), then closed.
            for (int f = 1; f < files.Count; f++)
            {
                await using ParquetReader reader = await ParquetReader.CreateAsync(files[f], null, cancellationToken);
                EnsureSameColumns(first, files[0], reader, files[f]);
                starts[f + 1] = checked(starts[f] + reader.RowGroupCount);
            }
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
        return new ParquetColumns(name, files, starts, first);
    }

    public bool Has(string column) => _fields.ContainsKey(column);

    public DataField Field(string column) => _fields.TryGetValue(column, out DataField? field)
        ? field
        : throw new InvalidDataException($"{Name} has no column '{column}'.");

    /// <summary>
    /// Row group <paramref name="index"/> of the table (0..<see cref="RowGroupCount"/>-1). The file of an earlier group is
    /// closed when a group of another file is opened: dispose each group before opening the next.
    /// </summary>
    public async ValueTask<ParquetRowGroupReader> OpenGroupAsync(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RowGroupCount);
        int file = FileOf(index);
        if (_reader is null || file != _current)
        {
            ParquetReader? previous = _reader;
            _reader = null;
            if (previous is not null)
            {
                await previous.DisposeAsync();
            }
            _reader = await ParquetReader.CreateAsync(_files[file], null, cancellationToken);
            _current = file;
        }
        return _reader.OpenRowGroupReader(index - _starts[file]);
    }

    public ValueTask DisposeAsync()
    {
        ParquetReader? reader = _reader;
        _reader = null;
        return reader?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private int FileOf(int group)
    {
        if (group >= _starts[_current] && group < _starts[_current + 1])
        {
            return _current;
        }
        // The last file whose first group is at or before the group (files without groups are passed over).
        int low = 0, high = _files.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (_starts[middle] <= group)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    private static void EnsureSameColumns(ParquetReader first, string firstPath, ParquetReader other, string otherPath)
    {
        static string Columns(ParquetReader reader) => string.Join(", ",
            reader.Schema.GetDataFields().Select(f => $"{f.Path}:{f.ClrType.Name}:{f.IsNullable}:{f.MaxDefinitionLevel}:{f.MaxRepetitionLevel}"));
        if (Columns(first) != Columns(other))
        {
            throw new InvalidDataException($"{otherPath} has other columns than {firstPath}; the parts of a table share one schema.");
        }
    }

    public async Task<string[]> StringsAsync(ParquetRowGroupReader group, string column, CancellationToken cancellationToken)
    {
        var values = new string?[RowCount(group)];
        await group.ReadAsync(Field(column), values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => v ?? "")];
    }

    public async Task<T[]> ValuesAsync<T>(ParquetRowGroupReader group, string column, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[RowCount(group)];
        await group.ReadAsync(Field(column), values.AsMemory(), null, cancellationToken);
        return values;
    }

    public async Task<T?[]> NullablesAsync<T>(ParquetRowGroupReader group, string column, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[RowCount(group)];
        await group.ReadAsync(Field(column), values.AsMemory(), null, cancellationToken);
        return values;
    }

    public async Task<byte[][]> BinariesAsync(ParquetRowGroupReader group, string column, CancellationToken cancellationToken)
    {
        var values = new byte[]?[RowCount(group)];
        await group.ReadAsync(Field(column), values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => v ?? [])];
    }

    /// <summary>A list&lt;float&gt; column: its values and where each row's list starts (a null or empty list is empty).</summary>
    public async Task<FloatLists> FloatListsAsync(ParquetRowGroupReader group, string column, CancellationToken cancellationToken)
    {
        DataField field = Field(column);
        long entries = group.GetMetadata(field)?.MetaData?.NumValues
            ?? throw new InvalidDataException($"{Name}: column '{column}' has no metadata.");
        var values = new float[entries];
        var definitions = new int[entries];
        var repetitions = new int[entries];
        await group.ReadRawAsync(field, values.AsMemory(), definitions.AsMemory(), repetitions.AsMemory(), cancellationToken);
        int rows = RowCount(group);
        var starts = new int[rows + 1];
        int row = -1, value = 0;
        for (long i = 0; i < entries; i++)
        {
            if (repetitions[i] == 0)
            {
                if (++row >= rows)
                {
                    break;
                }
                starts[row] = value;
            }
            if (definitions[i] == field.MaxDefinitionLevel)
            {
                value++;
            }
        }
        for (int r = row + 1; r <= rows; r++)
        {
            starts[r] = value;
        }
        starts[rows] = value;
        return new FloatLists(values, starts);
    }

    /// <summary>
    /// False when the row group's statistics prove it holds none of <paramref name="sorted"/> (ordinal order) in
    /// <paramref name="column"/>; true when it may, or when the file has no statistics to tell.
    /// </summary>
    public bool MayHold(ParquetRowGroupReader group, string column, IReadOnlyList<string> sorted)
    {
        if (sorted.Count == 0)
        {
            return false;
        }
        Parquet.Data.DataColumnStatistics? statistics;
        try
        {
            statistics = group.GetStatistics(Field(column));
        }
        catch (ParquetException)
        {
            return true;
        }
        if (statistics?.MinValue is not string min || statistics.MaxValue is not string max)
        {
            return true;
        }
        int first = LowerBound(sorted, min);
        return first < sorted.Count && string.CompareOrdinal(sorted[first], max) <= 0;
    }

    private static int LowerBound(IReadOnlyList<string> sorted, string value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (string.CompareOrdinal(sorted[middle], value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static int RowCount(ParquetRowGroupReader group) => checked((int)group.RowCount);
}
