using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace RobustGrid.Client.Cluster;

/// <summary>
/// Listens to the Orleans client's connection log for a gateway that refused the handshake because it serves another
/// cluster (Orleans: <c>Unexpected cluster id "theirs", expected "ours"</c>), so that connecting fails at once with
/// both ids instead of timing out as if no gateway had answered.
/// </summary>
internal sealed partial class IdentityMismatchWatch : ILoggerProvider
{
    private readonly TaskCompletionSource<ClusterIdentityMismatchException> _mismatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ClusterIdentityMismatchException> Mismatch => _mismatch.Task;

    public ILogger CreateLogger(string categoryName) => new Watcher(this);

    public void Dispose()
    {
    }

    private void Inspect(string message, Exception? exception)
    {
        var texts = new List<string> { message };
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            texts.Add(e.Message);
        }
        foreach (string text in texts)
        {
            Match match = UnexpectedClusterId().Match(text);
            if (match.Success)
            {
                _mismatch.TrySetResult(new ClusterIdentityMismatchException(match.Groups["theirs"].Value, match.Groups["ours"].Value));
                return;
            }
        }
    }

    [GeneratedRegex("Unexpected cluster id \"(?<theirs>[^\"]*)\", expected \"(?<ours>[^\"]*)\"")]
    private static partial Regex UnexpectedClusterId();

    private sealed class Watcher(IdentityMismatchWatch watch) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            watch.Inspect(formatter(state, exception), exception);
    }
}
