using System.IO.Compression;
using System.Net;

namespace RobustGrid.Cluster.Tests.Telemetry;

/// <summary>An OTLP/HTTP endpoint on a loopback port: keeps every request body by path (/v1/traces, /v1/metrics) and answers 200.</summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _requests = [];
    private readonly Task _serving;

    public OtlpReceiver(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>The bodies received at <paramref name="path"/>, decompressed, as protobuf messages.</summary>
    public List<Protobuf> Received(string path)
    {
        lock (_requests)
        {
            return [.. _requests.Where(r => r.Path == path).Select(r => new Protobuf(r.Body))];
        }
    }

    /// <summary>What arrived, for failure messages: "/v1/traces: 2 requests".</summary>
    public string Summary()
    {
        lock (_requests)
        {
            return _requests.Count == 0 ? "nothing" : string.Join("; ", _requests.GroupBy(r => r.Path).Select(g => $"{g.Key}: {g.Count()} requests"));
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            Stream input = context.Request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress) : context.Request.InputStream;
            await input.CopyToAsync(body);
            lock (_requests)
            {
                _requests.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
