using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace RobustGrid.Hosting.Logging;

public static class RepeatLimitingLogging
{
    /// <summary>
    /// Puts the console logger added so far behind a <see cref="RepeatLimitingLoggerProvider"/>: a repeated warning or
    /// error prints one line per cause per <paramref name="interval"/> (default 10 s) with a count, not a stack trace each time.
    /// </summary>
    public static ILoggingBuilder LimitRepeatedErrors(this ILoggingBuilder logging, TimeSpan? interval = null)
    {
        ServiceDescriptor console = logging.Services.SingleOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider))
            ?? throw new InvalidOperationException("LimitRepeatedErrors wraps the console logger: add it first.");
        logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(services => new RepeatLimitingLoggerProvider(
            new ConsoleLoggerProvider(services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), services.GetServices<ConsoleFormatter>()), interval ?? RepeatLimitingLoggerProvider.DefaultInterval, TimeProvider.System));
        return logging;
    }
}
