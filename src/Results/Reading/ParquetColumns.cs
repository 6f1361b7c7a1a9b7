using Parquet;
using Parquet.Schema;

namespace RobustGrid.Results.Reading;

/// <summary>
/// One Parquet file of a sweep, read column by column (projection): a report at the scale of 100,000 runs reads
/// only the columns it draws, a row group at a time, and never builds an object per row.
/// </summary>
public sealed class ParquetColumns : IAsyncDisposable
{
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;

    private ParquetColumns(string name, ParquetReader reader)
    {
        Name = name;
        _reader = reader;
        // Top-level column names: a list column's leaf is "weights/list/element", found as "weights".
        _fields = reader.Schema.GetDataFields()
            .GroupBy(f => f.Path.ToString().Split('/')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The file's name, for messages.</summary>
    public string Name { get; }

    public int RowGroupCount => _reader.RowGroupCount;

    public static async Task<ParquetColumns> OpenAsync(string directory, string name, CancellationToken cancellationToken)
    {
        ParquetReader reader = await ParquetReader.CreateAsync(Path.Combine(directory, name), null, cancellationToken);
        return new ParquetColumns(name, reader);
    }

    public bool Has(string column) => _fields.ContainsKey(column);

    public DataField Field(string column) => _fields.TryGetValue(column, out DataField? field)
        ? field
        : throw new InvalidDataException($"{Name} has no column '{column}'.");

    public ParquetRowGroupReader OpenGroup(int index) => _reader.OpenRowGroupReader(index);

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

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
