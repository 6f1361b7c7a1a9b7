using Parquet;
using Parquet.Schema;

namespace RobustGrid.Results.Reading;

/// <summary>
/// Reads chosen columns of one row group at a time (projection): a reader that needs a few columns of a large file
/// decodes only those, and keeps only one group's values in memory.
/// </summary>
internal sealed class RowGroupColumns(ParquetRowGroupReader group, IReadOnlyDictionary<string, DataField> fields, string file, CancellationToken cancellationToken)
{
    public int Count { get; } = checked((int)group.RowCount);

    /// <summary>Opens <paramref name="path"/> and calls <paramref name="read"/> for each of its row groups.</summary>
    public static async Task ForEachGroupAsync(string path, Func<RowGroupColumns, Task> read, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken);
        Dictionary<string, DataField> fields = reader.Schema.GetDataFields().ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            await read(new RowGroupColumns(group, fields, Path.GetFileName(path), cancellationToken));
        }
    }

    /// <summary>True when the file has the column.</summary>
    public bool Has(string name) => fields.ContainsKey(name);

    public async Task<string[]> StringsAsync(string name)
    {
        var values = new string?[Count];
        await group.ReadAsync(Field(name), values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => v ?? "")];
    }

    public async Task<T[]> ValuesAsync<T>(string name) where T : struct
    {
        var values = new T[Count];
        await group.ReadAsync(Field(name), values.AsMemory(), null, cancellationToken);
        return values;
    }

    public async Task<T?[]> NullablesAsync<T>(string name) where T : struct
    {
        var values = new T?[Count];
        await group.ReadAsync(Field(name), values.AsMemory(), null, cancellationToken);
        return values;
    }

    private DataField Field(string name) => fields.TryGetValue(name, out DataField? f)
        ? f
        : throw new InvalidDataException($"{file} has no column '{name}'.");
}
