using System.Net;
using RobustGrid.Hosting;

namespace RobustGrid.Grains.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class SiloEndpointsTests
{
    private static readonly IPAddress _pod = IPAddress.Parse("10.1.2.3");

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.2", "127.0.0.2", "127.0.0.2")]
    [InlineData("::1", "::1", "::1")]
    [InlineData("10.1.2.3", "10.1.2.3", "0.0.0.0")]
    [InlineData(" 192.168.0.7 ", "192.168.0.7", "0.0.0.0")]
    [InlineData("fd00::5", "fd00::5", "::")]
    public void Loopback_is_advertised_and_listened_on_any_other_address_is_advertised_while_listening_on_every_address(string configured, string advertised, string listen)
    {
        SiloEndpoints endpoints = SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = configured }, _ => throw new InvalidOperationException("no lookup for a literal"));
        Assert.Equal((IPAddress.Parse(advertised), IPAddress.Parse(listen)), (endpoints.Advertised, endpoints.Listen));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    [InlineData("")]
    public void Auto_resolves_this_machines_host_name_to_its_first_routable_IPv4_address(string configured)
    {
        var asked = new List<string>();
        SiloEndpoints endpoints = SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = configured }, host =>
        {
            asked.Add(host);
            return [IPAddress.Loopback, IPAddress.Parse("fe80::1"), IPAddress.Parse("fd00::9"), _pod, IPAddress.Parse("10.9.9.9")];
        });
        Assert.Equal([Dns.GetHostName()], asked);
        Assert.Equal((_pod, IPAddress.Any), (endpoints.Advertised, endpoints.Listen));
    }

    [Fact]
    public void A_host_name_is_resolved_and_an_IPv6_only_one_gives_its_routable_IPv6_address()
    {
        Assert.Equal(_pod, SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = "silo1" }, host => host == "silo1" ? [_pod] : []).Advertised);
        SiloEndpoints v6 = SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = "silo2" }, _ => [IPAddress.IPv6Loopback, IPAddress.Parse("fe80::1"), IPAddress.Parse("fd00::9")]);
        Assert.Equal((IPAddress.Parse("fd00::9"), IPAddress.IPv6Any), (v6.Advertised, v6.Listen));
    }

    [Fact]
    public void A_host_name_with_only_loopback_or_link_local_addresses_is_refused_with_what_it_resolved_to()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = "silo1" }, _ => [IPAddress.Loopback, IPAddress.Parse("fe80::1")]));
        Assert.Contains("'silo1' has no address other silos can reach (it resolves to 127.0.0.1, fe80::1)", e.Message);
    }

    [Fact]
    public void A_name_that_does_not_resolve_is_refused_with_the_setting_to_change()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = "nowhere" }, _ => throw new System.Net.Sockets.SocketException(11001)));
        Assert.StartsWith("RobustGrid:AdvertisedAddress 'nowhere': cannot resolve 'nowhere'", e.Message);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void A_wildcard_cannot_be_advertised(string configured)
    {
        var e = Assert.Throws<InvalidOperationException>(() => SiloEndpoints.Resolve(new RobustGridOptions { AdvertisedAddress = configured }));
        Assert.Contains("is a wildcard", e.Message);
    }

    [Fact]
    public void Kubernetes_clustering_refuses_a_loopback_address()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SiloEndpoints.Resolve(new RobustGridOptions { Clustering = "kubernetes" }));
        Assert.Contains("$(POD_IP)", e.Message);
        Assert.Equal(_pod, SiloEndpoints.Resolve(new RobustGridOptions { Clustering = "Kubernetes", AdvertisedAddress = "10.1.2.3" }).Advertised);
    }

    [Theory]
    [InlineData("127.0.0.1", 0, false, 8080, "http://127.0.0.1:0")]
    [InlineData("127.0.0.1", 0, true, 8080, "http://127.0.0.1:8080")]
    [InlineData("127.0.0.1", 9001, true, 8080, "http://127.0.0.1:9001 http://127.0.0.1:8080")]
    [InlineData("10.1.2.3", 8081, false, 8080, "http://0.0.0.0:8081")]
    [InlineData("10.1.2.3", 8081, true, 8080, "http://0.0.0.0:8081 http://0.0.0.0:8080")]
    [InlineData("10.1.2.3", 8080, true, 8080, "http://0.0.0.0:8080")]
    [InlineData("fd00::5", 8081, false, 8080, "http://[::]:8081")]
    public void The_http_host_serves_the_health_port_and_the_dashboards_where_the_silo_listens(string address, int healthPort, bool dashboard, int dashboardPort, string urls)
    {
        var options = new RobustGridOptions { AdvertisedAddress = address, HealthPort = healthPort, Dashboard = dashboard, DashboardPort = dashboardPort };
        Assert.Equal(urls, string.Join(' ', SiloEndpoints.Resolve(options).HttpUrls(options)));
    }
}
