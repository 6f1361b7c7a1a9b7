using Microsoft.Extensions.Logging;

namespace RobustGrid.Hosting.Logging;

/// <summary>
/// Wraps a logger provider (the console's) so that an outage is readable: each cause of a warning or error
/// (<see cref="LogCause"/>) is printed in full once, then summarised once per interval with the count of its repeats,
/// their stack traces left out (<see cref="RepeatCounter"/>). Installed in the console provider's place, so it answers
/// to the console's alias in the Logging:Console:* settings.
/// </summary>
[ProviderAlias("Console")]
public sealed class RepeatLimitingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>How long repeats of a cause are counted before their summary is printed.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly ILoggerProvider _inner;
    private readonly TimeProvider _clock;
    private readonly RepeatCounter _counter;
    private readonly ITimer _flush;

    public RepeatLimitingLoggerProvider(ILoggerProvider inner, TimeSpan interval, TimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
        _counter = new RepeatCounter(interval);
        // Ticks ten times an interval, so a summary comes at most a tenth of an interval late.
        TimeSpan tick = interval / 10;
        _flush = clock.CreateTimer(_ => Write(_counter.Flush(_clock.GetUtcNow())), null, tick, tick);
    }

    public ILogger CreateLogger(string categoryName) => new RepeatLimitingLogger(categoryName, _inner.CreateLogger(categoryName), _counter, _clock);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (_inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    /// <summary>Prints the counts of the intervals still open, then disposes the inner provider.</summary>
    public void Dispose()
    {
        _flush.Dispose();
        Write(_counter.Flush(_clock.GetUtcNow(), all: true));
        _inner.Dispose();
    }

    private static void Write(IReadOnlyList<RepeatSummary> summaries)
    {
        foreach (RepeatSummary summary in summaries)
        {
            summary.Write();
        }
    }
}
