namespace RobustGrid.Grains.Tests.Hosting.Logging;

/// <summary>A clock that moves only when told to, and fires its timers as it passes their due times.</summary>
internal sealed class FakeClock : TimeProvider
{
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state, _now + dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Moves the clock on, one timer tick at a time, firing each timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset end = _now + by;
        while (_timers.Where(t => t.Due <= end).MinBy(t => t.Due) is { } next)
        {
            _now = next.Due;
            next.Due = next.Period > TimeSpan.Zero ? next.Due + next.Period : DateTimeOffset.MaxValue;
            next.Callback(next.State);
        }
        _now = end;
    }

    private sealed class Timer(FakeClock clock, TimerCallback callback, object? state, DateTimeOffset due, TimeSpan period) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; } = due;

        public TimeSpan Period { get; } = period;

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

        public void Dispose() => clock._timers.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
