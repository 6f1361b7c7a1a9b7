using System.Threading.Channels;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's results while its runs finish. Each finished run's record is fetched as soon as the run reports,
/// and misclassified.parquet, the sweep's largest file by far, is written on a background task in run-key order
/// as the records come, so when the last run ends only the three small files are left to write. The files are the
/// ones <see cref="SweepResultsWriter"/> writes for the same runs, whatever order the runs finish in.
/// Free of Orleans (records come from <c>fetch</c>); not thread-safe: the coordinator calls it from its turns, and
/// only the file writing runs elsewhere.
/// </summary>
public sealed class SweepResultsStream : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _sweepId;
    private readonly Func<RunSpec, Task<RunRecord?>> _fetch;
    private readonly RunSpec[] _order;
    private readonly RunRecord?[] _kept;
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, RunRecord> _waiting = [];
    private readonly Dictionary<string, (RunSpec Run, int Attempts)> _unfetched = [];
    private readonly List<Task> _fetches = [];
    private readonly Channel<RunRecord> _misclassified = Channel.CreateUnbounded<RunRecord>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _writing;
    private int _next;

    /// <param name="runs">The sweep's runs, in any order.</param>
    /// <param name="fetch">Gets a completed run's record; null when the run holds none.</param>
    /// <param name="testSample">Looks up a test image for misclassified.parquet (called off the coordinator's turns).</param>
    public SweepResultsStream(string directory, string sweepId, IReadOnlyList<RunSpec> runs, Func<RunSpec, Task<RunRecord?>> fetch,
        Func<RunRecord, int, TestSample> testSample)
    {
        (_directory, _sweepId, _fetch) = (directory, sweepId, fetch);
        _order = [.. runs.Select(r => (Run: r, r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Run)];
        _positions = _order.Select((r, i) => (r.Key, i)).ToDictionary(p => p.Key, p => p.i);
        _kept = new RunRecord?[_order.Length];
        _writing = Task.Run(() => WriteMisclassifiedAsync(testSample));
    }

    /// <summary>Runs whose records are in, in run-key order up to the first one still missing.</summary>
    public int Written => _next;

    /// <summary>A run completed: its record is fetched now.</summary>
    public void Completed(RunSpec run, int attempts) => _fetches.Add(FetchAsync(run, attempts));

    /// <summary>A run failed for good.</summary>
    public void Failed(RunSpec run, int attempts, string? error) =>
        Add(RunRecords.Failed(run, run.Key, error ?? "unknown error", attempts, ""));

    /// <summary>
    /// Once every run has completed or failed: fetches what could not be fetched before, finishes misclassified.parquet,
    /// writes the three other files, and returns every run's record (without its misclassified rows), in run-key order.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_fetches);
        _fetches.Clear();
        foreach ((RunSpec run, int attempts) in _unfetched.Values.ToList())
        {
            _unfetched.Remove(run.Key);
            Add(await RecordOfAsync(run, attempts));
        }
        if (_next < _order.Length)
        {
            throw new InvalidOperationException($"{_order.Length - _next} runs have not finished; the first is {_order[_next].Key}.");
        }
        _misclassified.Writer.TryComplete();
        await _writing;
        RunRecord[] records = [.. _kept.Select(r => r!)];
        await Task.Run(() => SweepResultsWriter.WriteSummaryFilesAsync(_directory, _sweepId, records, cancellationToken), cancellationToken);
        return records;
    }

    /// <summary>Abandons the files not yet complete: nothing is left behind.</summary>
    public async ValueTask DisposeAsync()
    {
        _misclassified.Writer.TryComplete(new OperationCanceledException("The sweep's results were abandoned."));
        try
        {
            await _writing;
        }
        catch (Exception)
        {
            // Abandoned or already failed: either way the temporary file is gone.
        }
    }

    private async Task FetchAsync(RunSpec run, int attempts)
    {
        RunRecord record;
        try
        {
            record = await RecordOfAsync(run, attempts);
        }
        catch (Exception)
        {
            // Unreachable now (its silo is restarting, say): fetched again at the end.
            _unfetched[run.Key] = (run, attempts);
            return;
        }
        Add(record);
    }

    private async Task<RunRecord> RecordOfAsync(RunSpec run, int attempts)
    {
        RunRecord? result = await _fetch(run);
        return result is null
            ? RunRecords.Failed(run, run.Key, "the run reported completion but holds no result", attempts, "")
            : result with { Attempts = Math.Max(1, attempts) };
    }

    /// <summary>Takes a finished run's record and passes on every record now next in run-key order.</summary>
    private void Add(RunRecord record)
    {
        if (!_positions.TryGetValue(record.RunKey, out int position) || position < _next || !_waiting.TryAdd(record.RunKey, record))
        {
            return; // not this sweep's, or already in
        }
        while (_next < _order.Length && _waiting.Remove(_order[_next].Key, out RunRecord? next))
        {
            _misclassified.Writer.TryWrite(next);
            _kept[_next] = next with { Misclassified = [] };
            _next++;
        }
    }

    private async Task WriteMisclassifiedAsync(Func<RunRecord, int, TestSample> testSample)
    {
        await using MisclassifiedFileWriter file = await MisclassifiedFileWriter.CreateAsync(_directory, _sweepId, testSample);
        await foreach (RunRecord run in _misclassified.Reader.ReadAllAsync())
        {
            await file.AppendAsync(run);
        }
        await file.CompleteAsync(); // reached only when the channel completed without an error (abandoning throws above)
    }
}
