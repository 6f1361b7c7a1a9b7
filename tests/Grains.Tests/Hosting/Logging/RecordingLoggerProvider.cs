using Microsoft.Extensions.Logging;

namespace RobustGrid.Grains.Tests.Hosting.Logging;

/// <summary>An inner logger provider that keeps what reaches it, as the console would print it (category, level, message, exception).</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public List<Entry> Entries { get; } = [];

    public bool Disposed { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => Disposed = true;

    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Add(new Entry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
