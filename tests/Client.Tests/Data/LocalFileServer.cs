using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RobustGrid.Client.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests. Each route answers a status and a body, and may
/// declare a longer Content-Length than it sends, then drop the connection (a broken download).
/// </summary>
internal sealed class LocalFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, (int Status, byte[] Body, int? DeclaredLength)> _routes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalFileServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/files/");

    public int Requests => Volatile.Read(ref _requests);

    public void Serve(string name, byte[] body, int status = 200, int? declaredLength = null) => _routes["/files/" + name] = (status, body, declaredLength);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using (client)
            {
                Interlocked.Increment(ref _requests);
                NetworkStream stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                string? requestLine = await reader.ReadLineAsync();
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                }
                string path = requestLine?.Split(' ')[1] ?? "/";
                (int status, byte[] body, int? declared) = _routes.TryGetValue(path, out var route) ? route : (404, Encoding.ASCII.GetBytes("not found"), null);
                string head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : status == 404 ? "Not Found" : "Error")}\r\nContent-Length: {declared ?? body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(body);
                await stream.FlushAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
    }
}
