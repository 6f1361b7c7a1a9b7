using System.Net.Sockets;
using System.Text;

namespace RobustGrid.Dashboard.Tests.Http;

/// <summary>
/// An HTTP/1.1 GET written byte for byte to the server's socket: the request target goes out exactly as given (an
/// HttpClient would resolve "..", and refuse some targets, before the server saw them).
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> GetAsync(Uri server, string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using NetworkStream stream = client.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string response = await reader.ReadToEndAsync(timeout.Token);
        string statusLine = response.Split("\r\n")[0];
        int status = int.Parse(statusLine.Split(' ')[1]);
        int bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? "" : response[(bodyStart + 4)..]);
    }
}
