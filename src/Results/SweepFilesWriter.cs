using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Writing;

namespace RobustGrid.Results;

/// <summary>
/// Writes one part of a sweep's tables (docs/RESULTS-SCHEMA.md; <see cref="SweepTables"/>) while its runs finish: runs
/// are appended in ascending run-key order, the tables' row order, and each table fills fixed-size row groups as they
/// come, so only the open groups are in memory and the bytes are the same however the runs were timed. The files grow
/// under hidden temporary names and <see cref="CompleteAsync"/> renames them into place, the runs part last (a reader
/// takes a part once its runs file is there); disposed without completing, it leaves nothing.
/// Groups are sized so that no column chunk is much over 2 MB (Parquet.Net's pooled streams keep a buffer per chunk
/// size they meet): the writer's memory is flat whatever the sweep's size.
/// </summary>
public sealed class SweepFilesWriter : IAsyncDisposable
{
    private readonly RowGroupFile _runsFile, _curvesFile, _epochsFile, _misclassifiedFile, _samplesFile;
    private readonly RunsFile _runs;
    private readonly CurvesFile _curves;
    private readonly EpochsFile _epochs;
    private readonly MisclassifiedFile _misclassified;
    private readonly SamplesFile _samples;
    private string? _lastKey;
    private bool _closed;

    private SweepFilesWriter(Func<string, (string Directory, string Name)> place, string sweepId, SampleSet held,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken)
    {
        _samples = new SamplesFile(held);
        _runsFile = Start<RunRow>(place(SweepTables.Runs), RunsFile.RowsPerGroup, cancellationToken);
        _curvesFile = Start<CurveRow>(place(SweepTables.Curves), CurvesFile.RowsPerGroup, cancellationToken);
        _epochsFile = Start<EpochRow>(place(SweepTables.Epochs), EpochsFile.RowsPerGroup, cancellationToken);
        _misclassifiedFile = Start<MisclassifiedRow>(place(SweepTables.Misclassified), MisclassifiedFile.RowsPerGroup, cancellationToken);
        _samplesFile = Start<SampleRow>(place(SweepTables.Samples), SamplesFile.RowsPerGroup, cancellationToken);
        _runs = new RunsFile(_runsFile, sweepId);
        _curves = new CurvesFile(_curvesFile, sweepId);
        _epochs = new EpochsFile(_epochsFile, sweepId);
        _misclassified = new MisclassifiedFile(_misclassifiedFile, sweepId, _samples, testSample);
    }

    /// <summary>
    /// Starts part <paramref name="part"/> of every table under <paramref name="sweepDirectory"/> (folders created if
    /// missing), removing temporary files of it that a dead writer left. Its samples file takes the samples
    /// <paramref name="held"/> does not hold yet (and adds them). <paramref name="testSample"/> gives a run's test sample
    /// by its index in the binary task's test split.
    /// </summary>
    public static SweepFilesWriter CreatePart(string sweepDirectory, string sweepId, int part, SampleSet held,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken = default) =>
        Create(table => (SweepTables.PartsDirectory(sweepDirectory, table), SweepTables.PartFileName(part)), sweepId, held, testSample, cancellationToken);

    /// <summary>
    /// Starts the earlier layout, one file per table (<c>runs.parquet</c>, ...), as sweeps before committed parts were
    /// written: kept so that the readers of those sweeps stay tested.
    /// </summary>
    public static SweepFilesWriter CreateSingleFiles(string sweepDirectory, string sweepId, Func<RunSpec, int, TestSample> testSample,
        CancellationToken cancellationToken = default) =>
        Create(table => (sweepDirectory, SweepTables.SingleFileName(table)), sweepId, new SampleSet(), testSample, cancellationToken);

    /// <summary>
    /// Deletes the temporary files of writes that did not finish in <paramref name="sweepDirectory"/>: its tables' open
    /// parts and its manifest's. For a process whose own writer of the sweep has stopped (its local silo stopped on
    /// Ctrl+C within a bounded drain, which may end before the open part is abandoned); committed files are untouched.
    /// </summary>
    public static void RemoveUnfinished(string sweepDirectory)
    {
        foreach (string directory in SweepTables.All.Select(t => SweepTables.PartsDirectory(sweepDirectory, t)).Append(sweepDirectory).Where(Directory.Exists))
        {
            AtomicFile.RemoveStale(directory, "*");
        }
    }

    private static SweepFilesWriter Create(Func<string, (string Directory, string Name)> place, string sweepId, SampleSet held,
        Func<RunSpec, int, TestSample> testSample, CancellationToken cancellationToken)
    {
        try
        {
            return new SweepFilesWriter(place, sweepId, held, testSample, cancellationToken);
        }
        catch
        {
            // A file that could not be started: nothing of the others is left either.
            foreach ((string directory, string name) in SweepTables.All.Select(place).Where(p => Directory.Exists(p.Directory)))
            {
                AtomicFile.RemoveStale(directory, name);
            }
            throw;
        }
    }

    private static RowGroupFile Start<TRow>((string Directory, string Name) file, int rowsPerGroup, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(file.Directory);
        return RowGroupFile.Create<TRow>(file.Directory, file.Name, rowsPerGroup, cancellationToken);
    }

    /// <summary>Runs appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Failed runs appended so far.</summary>
    public int Failed { get; private set; }

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

    /// <summary>Writes the samples file, finishes every file and renames them into place, the runs file last, replacing older ones.</summary>
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

    /// <summary>In the order they are renamed into place: the runs file last.</summary>
    private RowGroupFile[] Files => [_samplesFile, _misclassifiedFile, _epochsFile, _curvesFile, _runsFile];

    private async Task AbandonAsync()
    {
        foreach (RowGroupFile file in Files)
        {
            await file.DisposeAsync();
        }
    }
}
