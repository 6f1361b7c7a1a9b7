using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RobustGrid.Hosting;
using RobustGrid.Hosting.Logging;

namespace RobustGrid.Client.Cluster;

/// <summary>
/// The cluster a command talks to: by default an in-process silo on free loopback ports (results under
/// <c>--results</c>, grain states in files under its hidden <c>.state</c> directory), or a running cluster through <c>--gateway host:port[,host:port...]</c>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _disposed;

    private ClusterConnection(IHost host, bool local, string? resultsRoot)
    {
        _host = host;
        IsLocal = local;
        ResultsRoot = resultsRoot;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>The local silo's services (or the client's, for a remote cluster).</summary>
    internal IServiceProvider Services => _host.Services;

    /// <summary>How long connecting to a gateway may take before the command gives up.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(15);

    /// <summary>True when the silo runs in this process.</summary>
    public bool IsLocal { get; }

    /// <summary>Where the local silo writes results; null for a remote cluster (its silos' own setting).</summary>
    public string? ResultsRoot { get; }

    public static async Task<ClusterConnection> StartLocalAsync(string resultsRoot, bool consoleTelemetry, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RobustGrid:ResultsDirectory"] = Path.GetFullPath(resultsRoot),
            ["RobustGrid:SiloPort"] = FreePort().ToString(),
            ["RobustGrid:GatewayPort"] = FreePort().ToString(),
            ["RobustGrid:ClusterId"] = "robustgrid-local-" + Environment.ProcessId,
            // Finished runs go to disk (<results>/.state), not this process's memory: a long sweep stays small, and
            // a killed CLI's work is there when the same sweep is started again.
            ["RobustGrid:Storage"] = "File",
        });
        QuietLogging(builder.Logging);
        builder.UseOrleans(silo => silo.UseRobustGrid(builder.Configuration));
        builder.AddRobustGridTelemetry("robustgrid-cli", consoleTelemetry);
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ClusterConnection(host, local: true, Path.GetFullPath(resultsRoot));
    }

    /// <param name="clusterId">The cluster to join; default from <see cref="ClusterIdentity.Resolve"/>.</param>
    /// <param name="serviceId">The service; default from <see cref="ClusterIdentity.Resolve"/>.</param>
    /// <exception cref="ClusterIdentityMismatchException">A gateway answered for another cluster id.</exception>
    /// <exception cref="TimeoutException">No gateway answered within <see cref="ConnectTimeout"/>.</exception>
    public static async Task<ClusterConnection> ConnectAsync(IPEndPoint[] gateways, bool consoleTelemetry, CancellationToken cancellationToken,
        string? clusterId = null, string? serviceId = null)
    {
        ClusterIdentity identity = ClusterIdentity.Resolve(clusterId, serviceId);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        QuietLogging(builder.Logging);
        // Orleans logs a refused handshake below the CLI's level; this provider alone hears it.
        var mismatch = new IdentityMismatchWatch();
        builder.Logging.AddProvider(mismatch);
        builder.Logging.AddFilter<IdentityMismatchWatch>(null, LogLevel.Debug);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            client.AddActivityPropagation();
        });
        builder.AddRobustGridTelemetry("robustgrid-cli", consoleTelemetry);
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        IHost host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        Task start = host.StartAsync(timeout.Token);
        try
        {
            if (await Task.WhenAny(start, mismatch.Mismatch) != start)
            {
                await timeout.CancelAsync();
                await start.ContinueWith(_ => { }, TaskScheduler.Default);
                host.Dispose();
                throw await mismatch.Mismatch;
            }
            await start;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            // The gateway's refusal reaches the client only when its handshake reply outruns the reset of the connection.
            IPEndPoint? listening = await FirstListeningAsync(gateways);
            throw listening is null
                ? new TimeoutException($"no gateway answered within {ConnectTimeout.TotalSeconds:0} s")
                : new TimeoutException($"the gateway at {listening} accepts connections but refused this client's handshake for {ConnectTimeout.TotalSeconds:0} s: " +
                    $"it likely serves another cluster than cluster id '{identity.ClusterId}' (--cluster-id, RobustGrid__ClusterId)");
        }
        return new ClusterConnection(host, local: false, resultsRoot: null);
    }

    /// <summary>Stops the host (a local silo lets runs in flight finish, for up to 10 s); a second call does nothing.</summary>
    public ValueTask DisposeAsync() => StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Stops a connection that was never used, without a graceful drain: there is nothing to drain.</summary>
    internal ValueTask DisposeUnusedAsync() => StopAsync(TimeSpan.Zero);

    private async ValueTask StopAsync(TimeSpan drain)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        using var timeout = new CancellationTokenSource(drain);
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.LimitRepeatedErrors();
        // The CLI reports failures itself; the host and Orleans only speak when something is fatal.
        logging.SetMinimumLevel(LogLevel.Critical);
    }

    private static async Task<IPEndPoint?> FirstListeningAsync(IPEndPoint[] gateways)
    {
        foreach (IPEndPoint gateway in gateways)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await client.ConnectAsync(gateway, timeout.Token);
                return gateway;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
