using Microsoft.Extensions.Logging;

namespace RobustGrid.Hosting.Logging;

/// <summary>One line that stands for a cause's repeats in an interval, and the logger it is written to.</summary>
public sealed record RepeatSummary(ILogger Sink, LogLevel Level, EventId EventId, string Line)
{
    public void Write() => Sink.Log(Level, EventId, Line, null, static (line, _) => line);
}
