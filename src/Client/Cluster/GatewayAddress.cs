using System.Globalization;
using System.Net;

namespace RobustGrid.Client.Cluster;

/// <summary>Parses <c>--gateway host:port[,host:port...]</c>.</summary>
public static class GatewayAddress
{
    /// <summary>One or more comma-separated gateways: the client fails over between them when a silo dies.</summary>
    public static bool TryParseList(string text, out IPEndPoint[] endpoints)
    {
        var parsed = new List<IPEndPoint>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(part, out IPEndPoint? endpoint))
            {
                endpoints = [];
                return false;
            }
            parsed.Add(endpoint!);
        }
        endpoints = [.. parsed];
        return endpoints.Length > 0;
    }

    public static bool TryParse(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            return false;
        }
        string host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault();
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
        endpoint = address is null ? null : new IPEndPoint(address, port);
        return endpoint is not null;
    }
}
