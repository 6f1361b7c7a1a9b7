using System.Diagnostics;
using System.Net.Sockets;

namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>A real redis-server on a free loopback port, with append-only persistence in a directory of its own.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _directory;
    private ChildProcess? _process;

    public RedisServer(string directory)
    {
        _directory = Directory.CreateDirectory(directory).FullName;
        Port = Ports.Free();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        string server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server; .ci/run does)");
        _process = ChildProcess.Start("redis", server,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes"]);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await AnswersAsync())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"redis-server did not answer on port {Port}: {_process.Output}");
    }

    /// <summary>Stops the server gracefully (SIGTERM: it flushes its append-only file) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        _process.Terminate();
        if (!await _process.WaitForExitAsync(TimeSpan.FromSeconds(20)))
        {
            _process.KillHard();
        }
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        _process?.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            int read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
