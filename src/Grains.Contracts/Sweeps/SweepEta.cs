namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>
/// The time a sweep has left, from the rate the follower has seen: runs finished since it began following over the time
/// since then. Runs finished before it began (a resumed sweep, <c>--attach</c>) took time it did not see, so they do
/// not count towards the rate.
/// </summary>
public static class SweepEta
{
    /// <summary>
    /// remaining = (total - finished) * following / (finished - finishedAtStart); null until a run has finished since
    /// following began, and once none is left.
    /// </summary>
    public static TimeSpan? Estimate(int finishedAtStart, int finished, int total, TimeSpan following)
    {
        int seen = finished - finishedAtStart, left = total - finished;
        if (seen <= 0 || left <= 0 || following <= TimeSpan.Zero)
        {
            return null;
        }
        return TimeSpan.FromSeconds(following.TotalSeconds / seen * left);
    }

    /// <summary>"mm:ss" under an hour, else "h:mm:ss" with every hour counted (a day is "24:00:00").</summary>
    public static string Format(TimeSpan remaining)
    {
        var whole = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds));
        return whole.TotalHours >= 1 ? $"{(long)whole.TotalHours}:{whole:mm\\:ss}" : whole.ToString("mm\\:ss");
    }
}
