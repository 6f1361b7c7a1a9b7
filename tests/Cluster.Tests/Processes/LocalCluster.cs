using System.Net;
using RobustGrid.Client.Cluster;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>
/// The topology of deploy/docker-compose.yml on one machine: a real redis-server and N real silo processes
/// clustered through it, sharing a results directory, and a client connected through all their gateways.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly TempDirectory _root = new("faults");

    private LocalCluster(ITestOutputHelper log)
    {
        _log = log;
        Redis = new RedisServer(Path.Combine(Root, "redis"));
    }

    public string Root => _root.Path;

    public string Results => Path.Combine(Root, "results");

    public string ClusterId { get; } = "faults-" + Guid.NewGuid().ToString("N")[..8];

    public RedisServer Redis { get; }

    public List<SiloProcess> Silos { get; } = [];

    public ClusterConnection Connection { get; private set; } = null!;

    public IClusterClient Client => Connection.Client;

    public string Gateways => string.Join(",", Silos.Select(s => s.Gateway));

    /// <param name="siloArguments">Extra configuration of every silo, e.g. "--RobustGrid:ShutdownSeconds=5".</param>
    public static async Task<LocalCluster> StartAsync(int silos, ITestOutputHelper log, params string[] siloArguments)
    {
        var cluster = new LocalCluster(log);
        await cluster.Redis.StartAsync();
        for (int i = 1; i <= silos; i++)
        {
            cluster.Silos.Add(SiloProcess.Start($"silo{i}", cluster.Redis.ConnectionString, cluster.ClusterId, cluster.Results, siloArguments));
        }
        await cluster.WaitForActiveSilosAsync(silos, TimeSpan.FromSeconds(90));
        return cluster;
    }

    /// <summary>Connects (or reconnects) the test's client through every silo's gateway, then waits until <paramref name="count"/> silos are active.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await ClusterCall.UntilAsync(() => ActiveSilosAsync(cancel.Token), active => active == count, timeout, TimeSpan.FromMilliseconds(500),
                e => _log.WriteLine($"cluster not ready yet: {e.GetType().Name}: {e.Message}"), cancel.Token);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException($"{count} silos did not become active within {timeout} ({e.Message}): {Describe()}", e);
        }
    }

    /// <summary>The number of active silos, connecting the client first if it is not yet.</summary>
    private async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        if (Connection is null)
        {
            IPEndPoint[] gateways = [.. Silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort))];
            Connection = await ClusterConnection.ConnectAsync(gateways, false, cancellationToken, ClusterId);
        }
        return (await ActiveHostsAsync()).Count;
    }

    /// <summary>The active silos as the membership table has them (one read; may fail while a silo rejoins).</summary>
    public Task<Dictionary<SiloAddress, SiloStatus>> ActiveHostsAsync() => Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

    /// <summary>Polls the sweep until <paramref name="until"/> holds or it has finished; any failed poll (a silo just died or rejoins) is retried.</summary>
    public async Task<SweepProgress> WaitAsync(ISweepGrain sweep, Func<SweepProgress, bool> until, TimeSpan timeout)
    {
        try
        {
            return await ClusterCall.UntilAsync(sweep.GetProgressAsync, p => until(p) || p.IsFinished, timeout, TimeSpan.FromMilliseconds(250),
                e => _log.WriteLine($"poll failed (a silo may have just died or be rejoining): {e.GetType().Name}: {e.Message}"));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the sweep did not get there: {e.Message}. {Describe()}", e);
        }
    }

    public SiloProcess CoordinatorOf(SweepProgress progress) =>
        Silos.SingleOrDefault(s => s.Is(progress.Coordinator)) ?? throw new InvalidOperationException($"no silo is {progress.Coordinator}");

    public string Describe() => string.Join(Environment.NewLine, Silos.Select(s =>
        $"--- {s.Process.Name} (port {s.SiloPort}, {(s.Process.HasExited ? "exited " + s.Process.ExitCode : "running")}) ---{Environment.NewLine}{Tail(s.Process.Output)}"));

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            try
            {
                await Connection.DisposeAsync();
            }
            catch (Exception e)
            {
                _log.WriteLine($"client shutdown: {e.Message}");
            }
        }
        foreach (SiloProcess silo in Silos)
        {
            silo.Dispose();
        }
        Redis.Dispose();
        try
        {
            _root.Dispose();
        }
        catch (IOException)
        {
        }
    }

    private static string Tail(string text) => text.Length > 20000 ? text[^20000..] : text;
}
