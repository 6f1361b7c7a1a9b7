using System.Collections.Concurrent;
using RobustGrid.Dashboard.Files;
using RobustGrid.Dashboard.Model;
using RobustGrid.Dashboard.Progress;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Dashboard.Sweeps;

/// <summary>
/// The sweeps the page shows: the sweep folders under a results root (<see cref="SweepFolders"/>) and the sweeps the
/// progress source announces, each read through its own <see cref="SweepDirectorySnapshot"/> (kept between
/// requests) and, while its files do not say it finished, its coordinator's progress. With <see cref="OnlyAnnounced"/>
/// only the announced sweeps are shown (the page of <c>robustgrid sweep --dashboard</c>).
/// </summary>
public sealed class SweepCatalog(string resultsRoot, ISweepProgressSource? progress = null, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, SweepDirectorySnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateTracker> _rates = new(StringComparer.Ordinal);
    // Each sweep's last answer from its coordinator, shown (marked as such) while it does not answer (its silo died).
    private readonly ConcurrentDictionary<string, (SweepProgress Progress, DateTimeOffset At)> _lastLive = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string ResultsRoot { get; } = Path.GetFullPath(resultsRoot);

    public bool OnlyAnnounced { get; init; }

    /// <summary>The ids the page lists, in ordinal order.</summary>
    public IReadOnlyList<string> Ids()
    {
        IEnumerable<string> announced = (progress?.Announced ?? []).Where(id => SweepIds.Validate(id) is null);
        return OnlyAnnounced
            ? [.. announced.Distinct().Order(StringComparer.Ordinal)]
            : [.. SweepFolders.List(ResultsRoot).Concat(announced).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>True when <paramref name="id"/> is one of the page's sweeps (a validated folder under the root, or announced).</summary>
    public bool Knows(string? id) =>
        SweepIds.Validate(id) is null
        && ((progress?.Announced.Contains(id!) ?? false) || (!OnlyAnnounced && SweepFolders.TryResolve(ResultsRoot, id, out _)));

    /// <summary>Every sweep's status, in <see cref="Ids"/> order; the sweeps are read side by side, so coordinators that do not answer wait together.</summary>
    public async Task<IReadOnlyList<SweepStatusView>> ListAsync(CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(Ids().Select(id => ReadAsync(id, cancellationToken)));
        return [.. reads.Select(r => r.Status)];
    }

    /// <summary>The page of sweep <paramref name="id"/>; null when it is not one of the page's sweeps.</summary>
    public async Task<SweepPageView?> PageAsync(string id, CancellationToken cancellationToken)
    {
        if (!Knows(id))
        {
            return null;
        }
        (SweepStatusView status, SweepFiles? files, SweepProgress? live) = await ReadAsync(id, cancellationToken);
        return new SweepPageView(status, files?.Curves ?? [], files?.Summary ?? [], files?.FailedRuns ?? [], files?.Failed ?? 0, live?.Faults ?? []);
    }

    /// <summary>The report folder of a sweep of the page, when it has one.</summary>
    public string? ReportDirectory(string id)
    {
        if (!Knows(id) || !SweepFolders.TryResolve(ResultsRoot, id, out string directory))
        {
            return null;
        }
        string report = Path.Combine(directory, "report");
        return File.Exists(Path.Combine(report, "index.html")) ? report : null;
    }

    private async Task<(SweepStatusView Status, SweepFiles? Files, SweepProgress? Live)> ReadAsync(string id, CancellationToken cancellationToken)
    {
        SweepFiles? files = null;
        if (SweepFolders.TryResolve(ResultsRoot, id, out string directory))
        {
            SweepDirectorySnapshot snapshot = _snapshots.GetOrAdd(id, _ => new SweepDirectorySnapshot(directory, id));
            files = await snapshot.RefreshAsync(cancellationToken);
        }
        // A sweep whose files say it finished needs no coordinator (and asking would wake one).
        SweepProgress? live = progress is not null && files is not { Finished: true } ? await progress.GetAsync(id, cancellationToken) : null;
        if (live is not null)
        {
            _lastLive[id] = (live, _clock.GetUtcNow());
        }
        else if (files is not { Finished: true } && _lastLive.TryGetValue(id, out var last) && !last.Progress.IsFinished)
        {
            return (Unanswered(id, files, last.Progress, last.At), files, null);
        }
        return (Status(id, files, live), files, live);
    }

    private SweepStatusView Status(string id, SweepFiles? files, SweepProgress? live)
    {
        string? report = files?.HasReport == true ? $"report/{id}/index.html" : null;
        RateTracker rate = _rates.GetOrAdd(id, _ => new RateTracker(_clock));
        if (live is not null)
        {
            int finished = live.Completed + live.Failed;
            (double? perSecond, TimeSpan? eta) = rate.Observe(finished, live.Total);
            SiloView[] silos = [.. (live.Silos ?? []).Select(s =>
                new SiloView(s.Silo, s.Completed, _rates.GetOrAdd(id + "\n" + s.Silo, _ => new RateTracker(_clock)).Observe(s.Completed, live.Total).RunsPerSecond))];
            return new SweepStatusView(id, PhaseName(live.Phase), "cluster", live.Total, live.Completed, live.Failed, live.Running, live.Pending,
                Math.Max(live.Committed, files?.Committed ?? 0), perSecond, eta?.TotalSeconds, eta is { } e ? SweepEta.Format(e) : null,
                live.IsFinished, report, live.Coordinator, files?.Error, silos);
        }
        if (files is null)
        {
            return new SweepStatusView(id, "waiting", "none", 0, 0, 0, null, null, 0, null, null, null, false, null, null, null);
        }
        int? total = files.Total;
        (double? filesRate, TimeSpan? filesEta) = total is int known ? rate.Observe(files.Committed, known) : (null, null);
        string phase = files.Finished ? (files.Failed > 0 ? "complete with failures" : "complete") : files.Complete ? "writing" : "in progress";
        return new SweepStatusView(id, phase, "files", total, files.Completed, files.Failed, null, total - files.Committed, files.Committed,
            filesRate, filesEta?.TotalSeconds, filesEta is { } f ? SweepEta.Format(f) : null, files.Finished, report, null, files.Error);
    }

    /// <summary>
    /// A sweep whose coordinator answered before but not now (its silo died; it resumes on another within a minute):
    /// its last progress, said to be that, rather than the files' counts, which lag the runs by up to a part.
    /// </summary>
    private static SweepStatusView Unanswered(string id, SweepFiles? files, SweepProgress last, DateTimeOffset at) => new(
        id, PhaseName(last.Phase), "cluster", last.Total, last.Completed, last.Failed, last.Running, last.Pending,
        Math.Max(last.Committed, files?.Committed ?? 0), null, null, null, false, null, last.Coordinator,
        $"the coordinator has not answered since {at:HH:mm:ss} UTC: these are its last counts");

    /// <summary>The page's word for a coordinator's phase.</summary>
    public static string PhaseName(SweepPhase phase) => phase switch
    {
        SweepPhase.Completed => "complete",
        SweepPhase.CompletedWithFailures => "complete with failures",
        SweepPhase.Rejected => "rejected",
        SweepPhase.Running => "running",
        SweepPhase.Writing => "writing",
        SweepPhase.Failed => "failed",
        _ => "unknown",
    };
}
