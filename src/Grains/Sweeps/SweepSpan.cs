using System.Diagnostics;
using RobustGrid.Core.Diagnostics;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A sweep's "sweep" span: from the sweep's start to its files. The run spans are parented on it explicitly
/// (<see cref="Id"/>), so it never becomes <see cref="Activity.Current"/>: the coordinator's other work is not
/// traced under it. Without a listener there is no activity and every member does nothing.
/// </summary>
public sealed class SweepSpan
{
    public const string Name = "sweep";

    private readonly Activity? _activity;

    private SweepSpan(Activity? activity) => _activity = activity;

    /// <summary>The span's id, for the runs' spans to name as their parent; null when nothing listens.</summary>
    public string? Id => _activity?.Id;

    /// <summary>Starts the span under the current activity (a client's call) and leaves the current activity as it was.</summary>
    public static SweepSpan Start(string sweepId, int runs, string silo)
    {
        Activity? previous = Activity.Current;
        Activity? activity = RobustGridTelemetry.Source.StartActivity(Name);
        activity?.SetTag("robustgrid.sweep.id", sweepId);
        activity?.SetTag("robustgrid.sweep.runs", runs);
        activity?.SetTag("robustgrid.silo", silo);
        Activity.Current = previous;
        return new SweepSpan(activity);
    }

    /// <summary>The files were written <paramref name="tailMilliseconds"/> after the sweep's last run ended.</summary>
    public void FilesWritten(long tailMilliseconds) => _activity?.SetTag("robustgrid.sweep.files_tail_ms", tailMilliseconds);

    /// <summary>The sweep failed (its results could not be written).</summary>
    public void Failed(string message) => _activity?.SetStatus(ActivityStatusCode.Error, message);

    public void Stop() => _activity?.Stop();
}
