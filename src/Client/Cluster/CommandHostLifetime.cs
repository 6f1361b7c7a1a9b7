using Microsoft.Extensions.Hosting;

namespace RobustGrid.Client.Cluster;

/// <summary>
/// The CLI's hosts listen to no signal: the command owns Ctrl+C (stop dispatching, let runs in flight finish, say how
/// to resume), so the host's default console lifetime must not stop the silo behind its back on the same signal.
/// </summary>
internal sealed class CommandHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
