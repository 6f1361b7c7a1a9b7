using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Dashboard.Progress;

/// <summary>
/// A sweep's runs per second and time left, as the page's server sees runs finish: runs finished since it first
/// looked, over the time since then (<see cref="SweepEta"/>, the CLI's formula), so runs done before it looked do not count.
/// </summary>
public sealed class RateTracker(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private long _since;
    private int _finishedAtStart = -1;

    /// <summary>Records <paramref name="finished"/> of <paramref name="total"/> now, and returns the rate (null until a run finished) and the ETA.</summary>
    public (double? RunsPerSecond, TimeSpan? Eta) Observe(int finished, int total)
    {
        lock (_lock)
        {
            if (_finishedAtStart < 0 || finished < _finishedAtStart)
            {
                (_finishedAtStart, _since) = (finished, clock.GetTimestamp());
                return (null, null);
            }
            TimeSpan following = clock.GetElapsedTime(_since);
            int seen = finished - _finishedAtStart;
            double? rate = seen > 0 && following > TimeSpan.Zero ? seen / following.TotalSeconds : null;
            return (rate, SweepEta.Estimate(_finishedAtStart, finished, total, following));
        }
    }
}
