using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace RobustGrid.Results.Writing;

/// <summary>
/// A Parquet file filled a row at a time in row groups of a fixed number of rows, so its bytes depend only on its rows
/// and their order, never on when they came; only the open group is in memory. The schema is the one
/// ParquetSerializer derives from the row class, so the serializer reads the file back. The file grows under a hidden
/// temporary name (<see cref="AtomicFile"/>) and appears whole on <see cref="CommitAsync"/>; disposed without
/// committing, it leaves nothing.
/// </summary>
internal sealed class RowGroupFile : IAsyncDisposable
{
    private readonly AtomicFile _file;
    private readonly ParquetSchema _schema;
    private readonly int _rowsPerGroup;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, ColumnBuffer> _columns = new(StringComparer.Ordinal);
    private ParquetWriter? _writer;
    private int _rows;
    private bool _wroteGroup;
    private bool _closed;

    private RowGroupFile(AtomicFile file, ParquetSchema schema, int rowsPerGroup, CancellationToken cancellationToken) =>
        (_file, _schema, _rowsPerGroup, _cancellationToken) = (file, schema, rowsPerGroup, cancellationToken);

    /// <summary>Starts <paramref name="name"/> in <paramref name="directory"/>, removing temporary files of it a dead writer left.</summary>
    public static RowGroupFile Create<TRow>(string directory, string name, int rowsPerGroup, CancellationToken cancellationToken)
    {
        AtomicFile.RemoveStale(directory, name);
        return new RowGroupFile(AtomicFile.Create(directory, name), typeof(TRow).GetParquetSchema(true), rowsPerGroup, cancellationToken);
    }

    public StringColumn String(string name) => Add(new StringColumn(Field(name)));

    public BinaryColumn Binary(string name) => Add(new BinaryColumn(Field(name)));

    public ValueColumn<T> Value<T>(string name) where T : struct => Add(new ValueColumn<T>(Field(name)));

    public NullableColumn<T> Nullable<T>(string name) where T : struct => Add(new NullableColumn<T>(Field(name)));

    public ListColumn<T> List<T>(string name) where T : struct => Add(new ListColumn<T>(Field(name)));

    /// <summary>Ends the row whose values were just added to every column; writes the group when it is full.</summary>
    public async ValueTask EndRowAsync()
    {
        if (++_rows == _rowsPerGroup)
        {
            await FlushAsync();
        }
    }

    /// <summary>Writes the last group (an empty one if the file has no rows, so it still has its schema), the footer, and renames the file into place.</summary>
    public async Task CommitAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_rows > 0 || !_wroteGroup)
        {
            await FlushAsync();
        }
        await Writer().DisposeAsync();
        _closed = true;
        await _file.CommitAsync();
    }

    /// <summary>Abandons an uncommitted file: its temporary file is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await _file.DisposeAsync();
        }
    }

    private async Task FlushAsync()
    {
        ParquetWriter writer = await WriterAsync();
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        foreach (DataField field in _schema.GetDataFields())
        {
            await _columns[field.Path.ToString()].WriteAsync(group, _cancellationToken);
        }
        group.CompleteValidate();
        foreach (ColumnBuffer column in _columns.Values)
        {
            column.Clear();
        }
        _rows = 0;
        _wroteGroup = true;
    }

    private async ValueTask<ParquetWriter> WriterAsync()
    {
        if (_writer is null)
        {
            if (_columns.Count != _schema.GetDataFields().Length)
            {
                throw new InvalidOperationException($"{_columns.Count} columns are filled, but the schema has {_schema.GetDataFields().Length}.");
            }
            // Parquet.Net 6 dictionary-encodes only the string columns named in the options' hints.
            ParquetOptions options = SweepResultsWriter.Options();
            foreach (StringColumn column in _columns.Values.OfType<StringColumn>())
            {
                options.ColumnEncodingHints[column.Field.Path.ToString()] = EncodingHint.Dictionary;
            }
            _writer = await ParquetWriter.CreateAsync(_schema, _file.Stream, options, append: false, _cancellationToken);
        }
        return _writer;
    }

    private ParquetWriter Writer() => _writer ?? throw new InvalidOperationException("The file was never started.");

    private DataField Field(string name) =>
        _schema.GetDataFields().SingleOrDefault(f => f.Path.ToString().Split('/')[0] == name)
        ?? throw new ArgumentException($"The schema has no column '{name}'.", nameof(name));

    private TColumn Add<TColumn>(TColumn column) where TColumn : ColumnBuffer
    {
        _columns.Add(column.Field.Path.ToString(), column);
        return column;
    }
}
