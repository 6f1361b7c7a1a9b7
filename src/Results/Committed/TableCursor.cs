using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results.Committed;

/// <summary>
/// A forward cursor over one table of a sweep (<see cref="SweepTables.Files"/>), whose rows are in ascending ordinal
/// run-key order across its files: a merge cursor for run keys asked in ascending order. Only the open row group is
/// held: its run_key column, and the other columns <typeparamref name="TGroup"/> decodes the first time a row of the
/// group is taken. Files are opened one at a time, only when the cursor needs a row past the previous file's last, and
/// the table's files are listed again at that moment, so parts committed or replaced after the cursor's position are
/// read as they are when the cursor gets there: as a run's rows never span two files (a part holds whole runs), a
/// file whose rows reached the key sought ends the run's rows without the next file being opened. Row groups whose
/// run_key statistics end before the key sought are passed over without decoding anything.
/// </summary>
internal sealed class TableCursor<TGroup> : IAsyncDisposable
    where TGroup : class
{
    private const string RunKey = "run_key";

    private readonly string _sweepDirectory;
    private readonly string _table;
    private readonly Func<ParquetColumns, ParquetRowGroupReader, CancellationToken, Task<TGroup>> _decode;
    private string? _path;
    private ParquetColumns? _file;
    private int _groupIndex;
    private ParquetRowGroupReader? _group;
    private TGroup? _decoded;
    private string[] _keys = [];
    private string? _lastKey;

    /// <param name="decode">Reads the columns a caller takes from an open row group (run_key is read by the cursor itself).</param>
    public TableCursor(string sweepDirectory, string table, Func<ParquetColumns, ParquetRowGroupReader, CancellationToken, Task<TGroup>> decode) =>
        (_sweepDirectory, _table, _decode) = (sweepDirectory, table, decode);

    /// <summary>The current row's index in the open group (valid after <see cref="SeekAsync"/> returned true).</summary>
    public int Row { get; private set; }

    /// <summary>The file the cursor is in, for messages.</summary>
    public string Where => _path is null ? $"{_table} of {_sweepDirectory}" : _path;

    /// <summary>
    /// Moves to the first row whose run key is not below <paramref name="runKey"/>; true when that row's key is
    /// <paramref name="runKey"/>. Call it again after <see cref="Advance"/> to walk a run's rows.
    /// </summary>
    public async ValueTask<bool> SeekAsync(string runKey, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (Row < _keys.Length && string.CompareOrdinal(_keys[Row], runKey) < 0)
            {
                Row++;
            }
            if (Row < _keys.Length)
            {
                return string.Equals(_keys[Row], runKey, StringComparison.Ordinal);
            }
            if (!await NextGroupAsync(runKey, cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Moves past the current row.</summary>
    public void Advance() => Row++;

    /// <summary>The open group's decoded columns, read on first use.</summary>
    public async ValueTask<TGroup> ColumnsAsync(CancellationToken cancellationToken) =>
        _decoded ??= await _decode(_file!, _group!, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        CloseGroup();
        if (_file is not null)
        {
            await _file.DisposeAsync();
            _file = null;
        }
    }

    /// <summary>Opens the next row group that may hold <paramref name="runKey"/> or a later key; false at the table's end.</summary>
    private async ValueTask<bool> NextGroupAsync(string runKey, CancellationToken cancellationToken)
    {
        CloseGroup();
        while (true)
        {
            if (_file is null || _groupIndex >= _file.RowGroupCount)
            {
                // A run's rows are all in one file (parts split the table by runs), so once a file's rows reached the
                // key, the next file has none of its rows: it is not opened (it may be being replaced still).
                if (_lastKey is not null && string.CompareOrdinal(_lastKey, runKey) >= 0)
                {
                    return false;
                }
                if (!await NextFileAsync(cancellationToken))
                {
                    return false;
                }
                continue;
            }
            ParquetRowGroupReader group = await _file.OpenGroupAsync(_groupIndex++, cancellationToken);
            if (group.RowCount == 0 || EndsBefore(_file, group, runKey))
            {
                group.Dispose();
                continue;
            }
            _group = group;
            _keys = await _file.StringsAsync(group, RunKey, cancellationToken);
            CheckOrder();
            return true;
        }
    }

    /// <summary>Opens the first file of the table after the last one read; false when there is none (yet).</summary>
    private async ValueTask<bool> NextFileAsync(CancellationToken cancellationToken)
    {
        string? next = SweepTables.Files(_sweepDirectory, _table)
            .FirstOrDefault(f => _path is null || string.CompareOrdinal(f, _path) > 0);
        if (next is null)
        {
            return false;
        }
        if (_file is not null)
        {
            await _file.DisposeAsync();
            _file = null;
        }
        _file = await ParquetColumns.OpenFilesAsync(next, [next], cancellationToken);
        _path = next;
        _groupIndex = 0;
        return true;
    }

    /// <summary>True when the group's statistics prove every key in it is below <paramref name="runKey"/>.</summary>
    private static bool EndsBefore(ParquetColumns file, ParquetRowGroupReader group, string runKey)
    {
        try
        {
            return group.GetStatistics(file.Field(RunKey))?.MaxValue is string max && string.CompareOrdinal(max, runKey) < 0;
        }
        catch (ParquetException)
        {
            return false;
        }
    }

    private void CheckOrder()
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_lastKey is not null && string.CompareOrdinal(_keys[i], _lastKey) < 0)
            {
                throw new InvalidDataException($"{Where}: run key {_keys[i]} comes after {_lastKey}; a table's rows must be in run-key order.");
            }
            _lastKey = _keys[i];
        }
    }

    private void CloseGroup()
    {
        _group?.Dispose();
        _group = null;
        _decoded = null;
        _keys = [];
        Row = 0;
    }
}
