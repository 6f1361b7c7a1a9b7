using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// Writes a sweep's misclassified.parquet (the largest file by far) while its runs finish, so a coordinator need not
/// write it all at the end. Runs are appended in ascending run-key order, the file's row order; the bytes are the
/// same as <see cref="SweepResultsWriter"/> writes for the same runs. The file grows under a temporary name beside its
/// final one and <see cref="CompleteAsync"/> renames it into place; disposed without completing, it leaves nothing.
/// </summary>
public sealed class MisclassifiedFileWriter : IAsyncDisposable
{
    private readonly AtomicFile _file;
    private readonly MisclassifiedColumnsWriter _columns;
    private string? _lastKey;
    private bool _closed;

    private MisclassifiedFileWriter(AtomicFile file, MisclassifiedColumnsWriter columns) => (_file, _columns) = (file, columns);

    /// <summary>Starts the file in <paramref name="directory"/> (created if missing), removing temporary files a dead writer left.</summary>
    public static async Task<MisclassifiedFileWriter> CreateAsync(string directory, string sweepId, Func<RunRecord, int, TestSample> testSample,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.RemoveStale(directory, SweepResultsWriter.Misclassified);
        AtomicFile file = AtomicFile.Create(directory, SweepResultsWriter.Misclassified);
        try
        {
            var columns = await MisclassifiedColumnsWriter.CreateAsync(file.Stream, sweepId, testSample, SweepResultsWriter.Options, cancellationToken);
            return new MisclassifiedFileWriter(file, columns);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Appends a run's rows. Throws <see cref="InvalidOperationException"/> unless its key follows the last run's.</summary>
    public Task AppendAsync(RunRecord run)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_lastKey is not null && string.CompareOrdinal(_lastKey, run.RunKey) >= 0)
        {
            throw new InvalidOperationException($"Runs must be appended in ascending run-key order: {run.RunKey} came after {_lastKey}.");
        }
        _lastKey = run.RunKey;
        return _columns.AppendAsync(run);
    }

    /// <summary>Finishes the file and renames it into place, replacing an older one.</summary>
    public async Task CompleteAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _closed = true;
        try
        {
            await _columns.CompleteAsync();
            await _file.CommitAsync();
        }
        finally
        {
            await _file.DisposeAsync();
        }
    }

    /// <summary>Abandons an unfinished file: nothing is left behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await _file.DisposeAsync();
        }
    }
}
