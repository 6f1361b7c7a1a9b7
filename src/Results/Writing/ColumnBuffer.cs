using Parquet;
using Parquet.Schema;

namespace RobustGrid.Results.Writing;

/// <summary>
/// One column of the row group being filled: values are added row by row and written column by column when the
/// group is full, so a file needs no object per row. The fields come from the row class's schema, so the bytes are
/// those ParquetSerializer writes for the same rows.
/// </summary>
internal abstract class ColumnBuffer(DataField field)
{
    public DataField Field { get; } = field;

    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    public abstract void Clear();
}

/// <summary>A string column; its file asks for dictionary encoding, so a value repeated down a group costs little.</summary>
internal sealed class StringColumn(DataField field) : ColumnBuffer(field)
{
    private readonly List<string?> _values = [];

    public void Add(string? value) => _values.Add(value);

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) => group.WriteAsync(Field, _values!, null);

    public override void Clear() => _values.Clear();
}

/// <summary>A binary column; equal arrays may be the same instance.</summary>
internal sealed class BinaryColumn(DataField field) : ColumnBuffer(field)
{
    private readonly List<byte[]> _values = [];

    public void Add(byte[] value) => _values.Add(value);

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) => group.WriteAsync(Field, _values, null);

    public override void Clear() => _values.Clear();
}

/// <summary>A column of a value type that is never null.</summary>
internal sealed class ValueColumn<T>(DataField field) : ColumnBuffer(field)
    where T : struct
{
    private readonly Buffer<T> _values = new();

    public void Add(T value) => _values.Add(value);

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync(Field, _values.Memory, null, null, cancellationToken);

    public override void Clear() => _values.Clear();
}

/// <summary>A nullable column of a value type.</summary>
internal sealed class NullableColumn<T>(DataField field) : ColumnBuffer(field)
    where T : struct
{
    private readonly Buffer<T?> _values = new();

    public void Add(T? value) => _values.Add(value);

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync(Field, _values.Memory, null, null, cancellationToken);

    public override void Clear() => _values.Clear();
}

/// <summary>
/// A list column of non-null values (an empty list for a row without values), written with Parquet's definition and
/// repetition levels: definition 1 for an empty list and 2 for a value; repetition 0 where a row's list starts.
/// </summary>
internal sealed class ListColumn<T>(DataField field) : ColumnBuffer(field)
    where T : struct
{
    private readonly Buffer<T> _values = new();
    private readonly Buffer<int> _definitions = new();
    private readonly Buffer<int> _repetitions = new();

    public void Add(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty)
        {
            _definitions.Add(1);
            _repetitions.Add(0);
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            _values.Add(values[i]);
            _definitions.Add(2);
            _repetitions.Add(i == 0 ? 0 : 1);
        }
    }

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAllPartsAsync(Field, _values.Memory, _definitions.Memory, _repetitions.Memory, cancellationToken);

    public override void Clear()
    {
        _values.Clear();
        _definitions.Clear();
        _repetitions.Clear();
    }
}

/// <summary>A growable array reused from group to group.</summary>
internal sealed class Buffer<T>
{
    private T[] _items = new T[1024];
    private int _count;

    public ReadOnlyMemory<T> Memory => new(_items, 0, _count);

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[_count++] = item;
    }

    public void Clear() => _count = 0;
}
