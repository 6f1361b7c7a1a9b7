using System.Net;
using System.Net.Sockets;
using RobustGrid.Grains;

namespace RobustGrid.Hosting;

/// <summary>
/// The address a silo advertises (the one other silos and clients dial) and the one it listens on, from
/// <see cref="RobustGridOptions.AdvertisedAddress"/>. A loopback address is both (one machine, nothing reachable from
/// outside it). Any other address is advertised while the silo, its gateway and its HTTP host listen on every address
/// (0.0.0.0, or :: for IPv6), as Orleans' Kubernetes hosting does: a container's or pod's address is known only inside it.
/// </summary>
public sealed record SiloEndpoints(IPAddress Advertised, IPAddress Listen)
{
    /// <summary>The <see cref="RobustGridOptions.AdvertisedAddress"/> value that means this machine's host name.</summary>
    public const string Auto = "auto";

    /// <param name="lookup">Resolves a host name (tests pass their own; default: DNS, which reads /etc/hosts first).</param>
    public static SiloEndpoints Resolve(RobustGridOptions options, Func<string, IPAddress[]>? lookup = null)
    {
        string value = options.AdvertisedAddress.Trim();
        IPAddress advertised;
        if (IPAddress.TryParse(value, out IPAddress? literal))
        {
            advertised = literal;
        }
        else
        {
            string host = value.Length == 0 || value.Equals(Auto, StringComparison.OrdinalIgnoreCase) ? Dns.GetHostName() : value;
            IPAddress[] addresses;
            try
            {
                addresses = (lookup ?? Dns.GetHostAddresses)(host);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"RobustGrid:AdvertisedAddress '{value}': cannot resolve '{host}' ({e.Message}); set it to this silo's IP address.", e);
            }
            advertised = Pick(addresses) ?? throw new InvalidOperationException(
                $"RobustGrid:AdvertisedAddress '{value}': '{host}' has no address other silos can reach (it resolves to {Describe(addresses)}); set it to this silo's IP address.");
        }
        if (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
        {
            throw new InvalidOperationException($"RobustGrid:AdvertisedAddress '{value}' is a wildcard; other silos need an address to dial (the silo listens on every address when it advertises one that is not loopback).");
        }
        if (IPAddress.IsLoopback(advertised) && options.Clustering.Equals("Kubernetes", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"RobustGrid:AdvertisedAddress '{value}' is loopback, which other pods cannot dial; with Kubernetes clustering set it to the pod IP ($(POD_IP)) or \"{Auto}\".");
        }
        IPAddress listen = IPAddress.IsLoopback(advertised) ? advertised
            : advertised.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return new SiloEndpoints(advertised, listen);
    }

    /// <summary>
    /// The silo host's HTTP URLs on the listening address ("http://0.0.0.0:8081"): <see cref="RobustGridOptions.HealthPort"/>
    /// (0: a free port, left out when the dashboard's port is there to serve the health endpoints) and
    /// <see cref="RobustGridOptions.DashboardPort"/> when the dashboard is on.
    /// </summary>
    public string[] HttpUrls(RobustGridOptions options)
    {
        var ports = new List<int>();
        if (options.HealthPort != 0 || !options.Dashboard)
        {
            ports.Add(options.HealthPort);
        }
        if (options.Dashboard && options.DashboardPort != options.HealthPort)
        {
            ports.Add(options.DashboardPort);
        }
        return [.. ports.Select(port => $"http://{new IPEndPoint(Listen, port)}")];
    }

    /// <summary>The first IPv4 address that is not loopback, else the first such IPv6 address that is not link-local.</summary>
    private static IPAddress? Pick(IPAddress[] addresses) =>
        addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal);

    private static string Describe(IPAddress[] addresses) => addresses.Length == 0 ? "nothing" : string.Join(", ", addresses.Select(a => a.ToString()));
}
