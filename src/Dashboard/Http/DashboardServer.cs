using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustGrid.Dashboard.Sweeps;

namespace RobustGrid.Dashboard.Http;

/// <summary>
/// The page on a server of its own (<c>robustgrid dashboard</c>, <c>robustgrid sweep --dashboard</c>): Kestrel on one
/// address and port (port 0: a free one), the page at its root.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, string url) => (_app, Url) = (app, url);

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Url { get; }

    /// <param name="configureServices">The host's own services, e.g. a lifetime that leaves Ctrl+C to the command.</param>
    /// <exception cref="IOException">The address cannot be listened on (in use, not this machine's).</exception>
    public static async Task<DashboardServer> StartAsync(IPAddress address, int port, SweepCatalog catalog, Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        configureServices?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapSweepDashboard("", catalog);
        await app.StartAsync(cancellationToken);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, bound.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
