using RobustGrid.Dashboard.Model;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Dashboard.Files;

/// <summary>
/// One sweep folder as the page sees it, read incrementally: each committed part (its runs and curves files) is read
/// once, into the summary table's builder (<see cref="SweepSummaryBuilder"/>, the code <c>robustgrid results</c> uses)
/// and the curve bands (<see cref="CommittedRunsTally"/>), and kept as running sums. A refresh looks at four files
/// (manifest.json, sweep.json, runs.parquet of the earlier layout, the report's index.html); when none changed it
/// answers what it answered before, else it reads only the parts committed since. So its work per refresh does not
/// grow with the sweep. Parts the manifest no longer counts (a finished sweep asked again commits its parts from
/// the first failed run again) start the reading over.
/// </summary>
public sealed class SweepDirectorySnapshot(string directory, string sweepId, IReadOnlyList<double>? tableEps = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _stamp;
    private SweepFiles? _files;
    private SweepSummaryBuilder _summary = new(tableEps);
    private CommittedRunsTally _tally = new();
    private int _parts;

    public string Directory { get; } = directory;

    public string SweepId { get; } = sweepId;

    /// <summary>Pairs of runs and curves files read since this snapshot was made (each part once).</summary>
    public int FilesRead { get; private set; }

    /// <summary>The folder as it is now, reading only what was committed since the last refresh.</summary>
    public async Task<SweepFiles> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string stamp = Stamp();
            if (_files is not null && stamp == _stamp)
            {
                return _files;
            }
            _files = await ReadAsync(cancellationToken);
            _stamp = stamp;
            return _files;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SweepFiles> ReadAsync(CancellationToken cancellationToken)
    {
        bool finished = File.Exists(Path.Combine(Directory, SweepJsonFile.Name));
        bool hasReport = File.Exists(Path.Combine(Directory, "report", "index.html"));
        SweepManifest? manifest;
        try
        {
            manifest = SweepManifest.Read(Directory);
        }
        catch (InvalidDataException e)
        {
            return Build(null, false, finished, hasReport, e.Message);
        }
        bool single = SweepTables.IsSingleFileLayout(Directory);
        int parts = single ? 1 : manifest?.CommittedParts ?? CountParts();
        if (parts < _parts)
        {
            (_summary, _tally, _parts) = (new SweepSummaryBuilder(tableEps), new CommittedRunsTally(), 0);
        }
        try
        {
            for (; _parts < parts; _parts++)
            {
                (string runs, string curves) = single
                    ? (Path.Combine(Directory, SweepTables.SingleFileName(SweepTables.Runs)), Path.Combine(Directory, SweepTables.SingleFileName(SweepTables.Curves)))
                    : (SweepTables.PartPath(Directory, SweepTables.Runs, _parts), SweepTables.PartPath(Directory, SweepTables.Curves, _parts));
                if (!File.Exists(runs) || !File.Exists(curves))
                {
                    break;
                }
                await _summary.AddAsync(Path.GetRelativePath(Directory, runs), [runs], Path.GetRelativePath(Directory, curves), [curves], _tally, cancellationToken);
                FilesRead++;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
        {
            // A part read halfway leaves the sums unknown: everything is read again once the folder changes.
            (_summary, _tally, _parts) = (new SweepSummaryBuilder(tableEps), new CommittedRunsTally(), 0);
            return Build(manifest?.TotalRuns, false, finished, hasReport, $"cannot read the results: {e.Message}");
        }
        int? total = manifest?.TotalRuns ?? (single || finished ? _tally.Completed + _tally.Failed : null);
        return Build(total, manifest?.Complete ?? single, finished, hasReport, null);
    }

    private SweepFiles Build(int? total, bool complete, bool finished, bool hasReport, string? error) => new(
        SweepId, total, _tally.Completed, _tally.Failed, complete, finished, hasReport,
        _tally.Curves(), [.. _summary.Summaries().Select(SummaryRowView.Of)], [.. _tally.FailedRuns], error);

    /// <summary>Parts in place from part 0 on (a parts folder without a manifest).</summary>
    private int CountParts()
    {
        int parts = 0;
        while (File.Exists(SweepTables.PartPath(Directory, SweepTables.Runs, parts)))
        {
            parts++;
        }
        return parts;
    }

    private string Stamp() => string.Join('|',
        Of(Path.Combine(Directory, SweepManifest.FileName)), Of(Path.Combine(Directory, SweepJsonFile.Name)),
        Of(Path.Combine(Directory, SweepTables.SingleFileName(SweepTables.Runs))), Of(Path.Combine(Directory, "report", "index.html")));

    private static string Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "-";
    }
}
