using RobustGrid.Client.Commands;

namespace RobustGrid.Client.Cluster;

/// <summary>
/// A connection begun ahead of the work that needs it, so that the two overlap: <c>robustgrid sweep</c> loads and
/// checks its dataset and results directory while its in-process silo starts. Nothing is asked of the silo before
/// <see cref="TakeAsync"/>, so a sweep refused meanwhile has touched nothing. Disposed without being taken, the start
/// is cancelled and awaited (its failure no longer matters: the command has given its answer) and the silo stopped.
/// </summary>
internal sealed class PendingConnection : IAsyncDisposable
{
    private readonly CancellationTokenSource _abandon;
    private readonly Task<ClusterConnection?> _connecting;
    private bool _taken;

    private PendingConnection(ConnectionOptions.Values target, CancellationToken cancellationToken)
    {
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken abandon = _abandon.Token;
        _connecting = Task.Run(() => target.ConnectAsync(abandon), CancellationToken.None);
    }

    /// <summary>Starts connecting to <paramref name="target"/> in the background.</summary>
    public static PendingConnection Start(ConnectionOptions.Values target, CancellationToken cancellationToken) => new(target, cancellationToken);

    /// <summary>The connection once made (null after its error was written, as <see cref="ConnectionOptions.Values.ConnectAsync"/>); the caller owns it.</summary>
    public Task<ClusterConnection?> TakeAsync()
    {
        _taken = true;
        return _connecting;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_taken)
        {
            await _abandon.CancelAsync();
            try
            {
                if (await _connecting is { } connection)
                {
                    await connection.DisposeUnusedAsync();
                }
            }
            catch (Exception)
            {
                // abandoned: cancelled before it started, or failed where nothing waits for it any more
            }
        }
        _abandon.Dispose();
    }
}
