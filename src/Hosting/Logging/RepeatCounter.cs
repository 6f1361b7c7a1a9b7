using Microsoft.Extensions.Logging;

namespace RobustGrid.Hosting.Logging;

/// <summary>
/// Counts repeats of each <see cref="LogCause"/>: its first occurrence is printed in full; later ones within the interval
/// are only counted, and when the interval ends (<see cref="Flush"/>, or the next occurrence after it) the count is
/// summarised in one line. A cause that keeps recurring gives one summary line per interval; one that stays quiet for a
/// whole interval is forgotten, so that its next occurrence is printed in full again.
/// </summary>
public sealed class RepeatCounter(TimeSpan interval)
{
    private readonly Dictionary<LogCause, Window> _windows = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Records an occurrence of <paramref name="cause"/> at <paramref name="now"/>. True: print it in full. <paramref name="due"/>:
    /// the summary of the cause's interval that has just ended, to print before it.
    /// </summary>
    /// <param name="message">The occurrence's message, asked for only when it is counted (a summary quotes the last one).</param>
    /// <param name="sink">Where the cause's summary goes (the inner logger of its category).</param>
    public bool Admit(LogCause cause, DateTimeOffset now, Func<string> message, ILogger sink, LogLevel level, EventId eventId, out RepeatSummary? due)
    {
        due = null;
        lock (_lock)
        {
            if (!_windows.TryGetValue(cause, out Window? window))
            {
                _windows[cause] = new Window(now, sink, level, eventId);
                return true;
            }
            if (now - window.Start >= interval)
            {
                due = window.Close(cause, now);
                if (due is null)
                {
                    // Quiet since its last full print: a first occurrence again.
                    _windows[cause] = new Window(now, sink, level, eventId);
                    return true;
                }
            }
            window.Repeats++;
            window.LastMessage = message();
            window.Level = level > window.Level ? level : window.Level;
            return false;
        }
    }

    /// <summary>
    /// The summaries of the intervals ended by <paramref name="now"/> (of every interval with repeats when
    /// <paramref name="all"/>: the process is stopping); causes without repeats in theirs are forgotten.
    /// </summary>
    public IReadOnlyList<RepeatSummary> Flush(DateTimeOffset now, bool all = false)
    {
        var summaries = new List<RepeatSummary>();
        lock (_lock)
        {
            foreach ((LogCause cause, Window window) in _windows)
            {
                if (!all && now - window.Start < interval)
                {
                    continue;
                }
                if (window.Close(cause, now) is { } summary)
                {
                    summaries.Add(summary);
                }
                else
                {
                    _windows.Remove(cause);
                }
            }
        }
        return summaries;
    }

    private sealed class Window(DateTimeOffset start, ILogger sink, LogLevel level, EventId eventId)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Repeats { get; set; }

        public string LastMessage { get; set; } = "";

        public LogLevel Level { get; set; } = level;

        /// <summary>Ends the interval: the summary of its repeats, and a new interval from <paramref name="now"/>; null (and nothing changed) when it had none.</summary>
        public RepeatSummary? Close(LogCause cause, DateTimeOffset now)
        {
            if (Repeats == 0)
            {
                return null;
            }
            string with = cause.ExceptionType is { } type ? $", with {type[(type.LastIndexOf('.') + 1)..]}" : "";
            string times = Repeats == 1 ? "once" : $"{Repeats} times";
            var summary = new RepeatSummary(sink, Level, eventId, $"{LastMessage} (repeated {times} in the last {(now - Start).TotalSeconds:0} s{with})");
            Start = now;
            Repeats = 0;
            return summary;
        }
    }
}
