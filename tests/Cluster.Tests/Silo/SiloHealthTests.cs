using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using RobustGrid.Client.Cluster;
using RobustGrid.Cluster.Tests.Processes;

namespace RobustGrid.Cluster.Tests.Silo;

/// <summary>
/// The silo host's health endpoints and addresses, on real silo processes: /healthz answers while the process serves,
/// /readyz only once the silo is active in its cluster (503 while it is held in its join), the image's
/// <c>--probe</c> exits by the answer, a local silo listens on loopback only, and a silo that advertises a routable
/// address listens on every address while the cluster knows it by the one it advertises.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SiloHealthTests
{
    private static readonly TimeSpan _deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Readyz_is_503_while_the_silo_cannot_join_and_200_once_it_is_active()
    {
        using var root = new TempDirectory("health");
        using var redis = new RedisServer(Path.Combine(root.Path, "redis"));
        await redis.StartAsync();
        await using var gate = new GatedProxy(redis.Port);
        int health = Ports.Free();
        string clusterId = "health-" + Guid.NewGuid().ToString("N")[..8];
        // Membership lives in Redis, behind the gate: the silo cannot become active until the test opens it.
        using SiloProcess silo = SiloProcess.Start("silo", $"127.0.0.1:{gate.Port},connectTimeout=120000", clusterId, Path.Combine(root.Path, "results"), "--RobustGrid:Storage=Memory", $"--RobustGrid:HealthPort={health}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await UntilAsync(() => Status(http, health, "/healthz"), s => s == HttpStatusCode.OK, silo, "/healthz to answer 200 while the silo joins");
        await UntilAsync(() => Task.FromResult(gate.Accepted), n => n > 0, silo, "the silo to connect to its Redis (held by the gate)");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Status(http, health, "/readyz"));
        Assert.Equal(HttpStatusCode.OK, await Status(http, health, "/healthz"));
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{health}/readyz"));

        gate.Open();
        await UntilAsync(() => Status(http, health, "/readyz"), s => s == HttpStatusCode.OK, silo, "/readyz to answer 200 once the silo could join");
        Assert.Equal(0, await ProbeAsync($"http://127.0.0.1:{health}/readyz"));
        // Ready means usable: a client gets in through the gateway and the membership has the silo active.
        await using ClusterConnection client = await ClusterConnection.ConnectAsync([new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)], false,
            CancellationToken.None, clusterId);
        var hosts = await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, silo.SiloPort)], hosts.Keys.Select(a => a.Endpoint));
    }

    [Fact]
    public async Task A_local_silo_serves_health_on_loopback_only_and_the_probe_exits_by_the_answer()
    {
        using var results = new TempDirectory("health-local");
        int health = Ports.Free(), siloPort = Ports.Free(), gatewayPort = Ports.Free();
        using ChildProcess silo = ChildProcess.Start("silo", "dotnet",
        [
            BuildOutput.Silo, $"--RobustGrid:SiloPort={siloPort}", $"--RobustGrid:GatewayPort={gatewayPort}", $"--RobustGrid:HealthPort={health}",
            $"--RobustGrid:ResultsDirectory={results.Path}", "--Logging:LogLevel:Default=Warning",
        ]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await UntilAsync(() => Status(http, health, "/readyz"), s => s == HttpStatusCode.OK, silo, "a local silo's /readyz to answer 200");
        Assert.Equal(HttpStatusCode.OK, await Status(http, health, "/healthz"));
        Assert.Equal(0, await ProbeAsync($"http://127.0.0.1:{health}/readyz"));
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{Ports.Free()}/readyz"));
        Assert.Equal(2, await ProbeAsync("not-a-url"));
        Assert.Equal(2, await ProbeAsync());
        // Unchanged local mode: nothing of it is reachable on this machine's other addresses.
        IPAddress external = RoutableAddress();
        foreach (int port in new[] { health, siloPort, gatewayPort })
        {
            Assert.True(await Accepts(IPAddress.Loopback, port), $"port {port} does not accept on loopback");
            Assert.False(await Accepts(external, port), $"a local silo accepts on {external}:{port}; it must listen on loopback only");
        }
    }

    [Fact]
    public async Task A_health_port_in_use_fails_the_start_with_one_line_naming_it()
    {
        using var results = new TempDirectory("health-taken");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int health = ((IPEndPoint)taken.LocalEndpoint).Port;
        using ChildProcess silo = ChildProcess.Start("silo", "dotnet",
        [
            BuildOutput.Silo, $"--RobustGrid:SiloPort={Ports.Free()}", $"--RobustGrid:GatewayPort={Ports.Free()}", $"--RobustGrid:HealthPort={health}",
            $"--RobustGrid:ResultsDirectory={results.Path}", "--Logging:LogLevel:Default=Warning",
        ]);
        Assert.True(await silo.WaitForExitAsync(_deadline), $"the silo did not exit with its health port taken: {silo.Output}");
        Assert.Equal(1, silo.ExitCode);
        string last = silo.Output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"robustgrid-silo: cannot run: cannot serve HTTP (RobustGrid:HealthPort {health}): Failed to bind to address http://127.0.0.1:{health}", last);
    }

    [Fact]
    public async Task A_silo_advertising_a_routable_address_listens_on_every_address_and_is_known_by_the_advertised_one()
    {
        using var root = new TempDirectory("health-any");
        using var redis = new RedisServer(Path.Combine(root.Path, "redis"));
        await redis.StartAsync();
        IPAddress external = RoutableAddress();
        int health = Ports.Free();
        string clusterId = "any-" + Guid.NewGuid().ToString("N")[..8];
        using SiloProcess silo = SiloProcess.Start("silo", redis.ConnectionString, clusterId, Path.Combine(root.Path, "results"),
            "--RobustGrid:Storage=Memory", $"--RobustGrid:AdvertisedAddress={external}", $"--RobustGrid:HealthPort={health}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // Over loopback, which the silo does not advertise: it listens on every address.
        await UntilAsync(() => Status(http, health, "/readyz"), s => s == HttpStatusCode.OK, silo, "/readyz over loopback to answer 200");
        foreach (int port in new[] { silo.SiloPort, silo.GatewayPort, health })
        {
            Assert.True(await Accepts(IPAddress.Loopback, port), $"port {port} does not accept on loopback");
            Assert.True(await Accepts(external, port), $"port {port} does not accept on {external}");
        }
        await using ClusterConnection client = await ClusterConnection.ConnectAsync([new IPEndPoint(external, silo.GatewayPort)], false, CancellationToken.None, clusterId);
        var hosts = await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal([new IPEndPoint(external, silo.SiloPort)], hosts.Keys.Select(a => a.Endpoint));
    }

    /// <summary>An IPv4 address of this machine that is not loopback; the test fails without one (a container has its own).</summary>
    private static IPAddress RoutableAddress() =>
        NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("this machine has no IPv4 address besides loopback; the test needs one");

    private static async Task<HttpStatusCode?> Status(HttpClient http, int port, string path)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync($"http://127.0.0.1:{port}{path}");
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> Accepts(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await socket.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The image's health check, run as the image runs it: <c>robustgrid-silo --probe URL</c>; its exit code.</summary>
    private static async Task<int> ProbeAsync(params string[] arguments)
    {
        using ChildProcess probe = ChildProcess.Start("probe", "dotnet", [BuildOutput.Silo, "--probe", .. arguments]);
        // A probe without its URL must not start a silo in its place.
        Assert.True(await probe.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"--probe {string.Join(' ', arguments)} did not exit: {probe.Output}");
        return probe.ExitCode;
    }

    private static Task UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, SiloProcess silo, string what) => UntilAsync(read, done, silo.Process, what);

    /// <summary>Polls until <paramref name="done"/> holds; fails naming what was awaited, the last value and the silo's output, at the deadline or when the silo exits.</summary>
    private static async Task UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, ChildProcess silo, string what)
    {
        T last = await read();
        for (var until = DateTime.UtcNow + _deadline; !done(last); last = await read())
        {
            Assert.True(DateTime.UtcNow < until && !silo.HasExited,
                $"waited for {what}: {(silo.HasExited ? $"the silo exited ({silo.ExitCode})" : $"not within {_deadline}")}; last value {last?.ToString() ?? "no answer"}.\n{silo.Output}");
            await Task.Delay(200);
        }
    }
}
