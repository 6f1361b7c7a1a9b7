using System.Net;
using System.Net.Sockets;

namespace RobustGrid.Cluster.Tests.Silo;

/// <summary>
/// A loopback TCP port in front of another: it accepts connections at once but holds them, silent, until
/// <see cref="Open"/>; then pipes each one (what the client already sent included) to the target port. A silo whose
/// Redis is behind it is held in its join for as long as the test wants, without a timing guess.
/// </summary>
internal sealed class GatedProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    public GatedProxy(int targetPort)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(targetPort);
    }

    public int Port { get; }

    /// <summary>Connections accepted so far (held or piped).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Open() => _open.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] all;
        lock (_connections)
        {
            all = [_accepting, .. _connections];
        }
        await Task.WhenAll(all);
        _stop.Dispose();
    }

    private async Task AcceptAsync(int targetPort)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(PipeAsync(client, targetPort));
            }
        }
    }

    private async Task PipeAsync(TcpClient client, int targetPort)
    {
        using (client)
        {
            try
            {
                await _open.Task.WaitAsync(_stop.Token);
                using var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
                NetworkStream fromClient = client.GetStream(), fromServer = server.GetStream();
                await Task.WhenAny(fromClient.CopyToAsync(fromServer, _stop.Token), fromServer.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
