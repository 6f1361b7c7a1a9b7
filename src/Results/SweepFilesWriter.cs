using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Writing;

namespace RobustGrid.Results;

/// <summary>
/// Writes a sweep's five Parquet files (docs/RESULTS-SCHEMA.md) while its runs finish: runs are appended in ascending
/// run-key order, the files' row order, and each file fills fixed-size row groups as they come, so only the open
/// groups are in memory and the bytes are the same however the runs were timed. The files grow under hidden temporary
/// names and <see cref="CompleteAsync"/> renames them into place; disposed without completing, it leaves nothing.
/// Groups are sized so that each file's open group is full within the first ~1,600 runs and no column chunk is much
/// over 2 MB (Parquet.Net's pooled streams keep a buffer per chunk size they meet): past that, the writer's memory is
/// flat (a 20,000-run local sweep peaks at 1.26x a 2,000-run one; bench/scale/run.sh).
/// </summary>
public sealed class SweepFilesWriter : IAsyncDisposable
{
    private readonly RowGroupFile _runsFile, _curvesFile, _epochsFile, _misclassifiedFile, _samplesFile;
    private readonly RunsFile _runs;
    private readonly CurvesFile _curves;
    private readonly EpochsFile _epochs;
    private readonly MisclassifiedFile _misclassified;
    private readonly SamplesFile _samples = new();
    private string? _lastKey;
    private bool _closed;

    private SweepFilesWriter(string directory, string sweepId, Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken)
    {
        _runsFile = RowGroupFile.Create<RunRow>(directory, SweepResultsWriter.Runs, RunsFile.RowsPerGroup, cancellationToken);
        _curvesFile = RowGroupFile.Create<CurveRow>(directory, SweepResultsWriter.Curves, CurvesFile.RowsPerGroup, cancellationToken);
        _epochsFile = RowGroupFile.Create<EpochRow>(directory, SweepResultsWriter.Epochs, EpochsFile.RowsPerGroup, cancellationToken);
        _misclassifiedFile = RowGroupFile.Create<MisclassifiedRow>(directory, SweepResultsWriter.Misclassified, MisclassifiedFile.RowsPerGroup, cancellationToken);
        _samplesFile = RowGroupFile.Create<SampleRow>(directory, SweepResultsWriter.Samples, SamplesFile.RowsPerGroup, cancellationToken);
        _runs = new RunsFile(_runsFile, sweepId);
        _curves = new CurvesFile(_curvesFile, sweepId);
        _epochs = new EpochsFile(_epochsFile, sweepId);
        _misclassified = new MisclassifiedFile(_misclassifiedFile, sweepId, _samples, testSample);
    }

    /// <summary>Runs appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Failed runs appended so far.</summary>
    public int Failed { get; private set; }

    /// <summary>
    /// Starts the files in <paramref name="directory"/> (created if missing), removing temporary files a dead writer
    /// left. <paramref name="testSample"/> gives a run's test sample by its index in the binary task's test split.
    /// </summary>
    public static SweepFilesWriter Create(string directory, string sweepId, Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        SweepFilesWriter? writer = null;
        try
        {
            writer = new SweepFilesWriter(directory, sweepId, testSample, cancellationToken);
            return writer;
        }
        catch
        {
            // A file that could not be started: nothing of the others is left either.
            foreach (string name in SweepResultsWriter.Files)
            {
                AtomicFile.RemoveStale(directory, name);
            }
            throw;
        }
    }

    /// <summary>Appends a run's rows to every file. Throws <see cref="InvalidOperationException"/> unless its key follows the last run's.</summary>
    public async Task AppendAsync(RunRecord run)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_lastKey is not null && string.CompareOrdinal(_lastKey, run.RunKey) >= 0)
        {
            throw new InvalidOperationException($"Runs must be appended in ascending run-key order: {run.RunKey} came after {_lastKey}.");
        }
        _lastKey = run.RunKey;
        await _runs.AddAsync(run);
        await _curves.AddAsync(run);
        await _epochs.AddAsync(run);
        await _misclassified.AddAsync(run);
        Count++;
        Failed += run.Status == RunStatus.Failed ? 1 : 0;
    }

    /// <summary>Writes samples.parquet, finishes every file and renames them into place, replacing older ones.</summary>
    public async Task CompleteAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _closed = true;
        try
        {
            await _samples.WriteAsync(_samplesFile);
            foreach (RowGroupFile file in Files)
            {
                await file.CommitAsync();
            }
        }
        finally
        {
            await AbandonAsync();
        }
    }

    /// <summary>Abandons unfinished files: nothing is left behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await AbandonAsync();
        }
    }

    private RowGroupFile[] Files => [_runsFile, _curvesFile, _epochsFile, _misclassifiedFile, _samplesFile];

    private async Task AbandonAsync()
    {
        foreach (RowGroupFile file in Files)
        {
            await file.DisposeAsync();
        }
    }
}
