using Microsoft.Extensions.Logging;

namespace RobustGrid.Hosting.Logging;

/// <summary>A category's logger whose warnings and errors pass through a <see cref="RepeatCounter"/>; lower levels pass untouched.</summary>
internal sealed class RepeatLimitingLogger(string category, ILogger inner, RepeatCounter counter, TimeProvider clock) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel is < LogLevel.Warning or LogLevel.None)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }
        LogCause cause = LogCause.Of(category, eventId, state, exception, formatter);
        bool inFull = counter.Admit(cause, clock.GetUtcNow(), () => formatter(state, exception), inner, logLevel, eventId, out RepeatSummary? due);
        due?.Write();
        if (inFull)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
