using Microsoft.Extensions.Logging;

namespace RobustGrid.Hosting.Logging;

/// <summary>
/// What makes two log entries the same entry repeated: category, event id, exception type and message template. The
/// template, not the formatted message, so that entries differing only in their numbers and ids are one cause.
/// </summary>
public readonly record struct LogCause(string Category, int EventId, string? ExceptionType, string Template)
{
    /// <summary>The cause of an entry; its template is the state's "{OriginalFormat}", else (no template) its formatted message.</summary>
    public static LogCause Of<TState>(string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        new(category, eventId.Id, exception?.GetType().FullName, OriginalFormat(state) ?? formatter(state, exception));

    private static string? OriginalFormat<TState>(TState state)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            // Where LoggerMessage and the logging extensions put it: last.
            for (int i = values.Count - 1; i >= 0; i--)
            {
                if (values[i].Key == "{OriginalFormat}" && values[i].Value is string template)
                {
                    return template;
                }
            }
        }
        return null;
    }
}
