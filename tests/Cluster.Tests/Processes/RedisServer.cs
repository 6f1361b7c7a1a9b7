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

    /// <summary>kill -9: what the append-only file (fsync always) holds is all that survives.</summary>
    public void KillHard()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>One field of the server's INFO (e.g. "total_net_input_bytes" of section "stats"), as Redis reports it.</summary>
    public async Task<long> InfoAsync(string section, string field)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"INFO {section}\r\n"));
        // A bulk string: "$<length>\r\n<text>\r\n".
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }
            reply.Write(buffer, 0, read);
            string text = System.Text.Encoding.ASCII.GetString(reply.GetBuffer(), 0, (int)reply.Length);
            int header = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (header > 0 && text[0] == '$' && text.Length >= header + 2 + int.Parse(text[1..header]))
            {
                foreach (string line in text.Split("\r\n"))
                {
                    if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    {
                        return long.Parse(line[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                break;
            }
        }
        throw new InvalidOperationException($"Redis INFO {section} has no {field}");
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
