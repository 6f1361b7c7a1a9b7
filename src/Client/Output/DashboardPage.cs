using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Net;
using RobustGrid.Client.Cluster;
using RobustGrid.Dashboard.Http;
using RobustGrid.Dashboard.Sweeps;

namespace RobustGrid.Client.Output;

/// <summary>The sweeps page on a server of the command's own (<c>dashboard</c>, <c>sweep --dashboard</c>), which leaves Ctrl+C to the command.</summary>
internal static class DashboardPage
{
    public static Task<DashboardServer> StartAsync(IPAddress address, int port, SweepCatalog catalog, CancellationToken cancellationToken) =>
        DashboardServer.StartAsync(address, port, catalog, services => services.AddSingleton<IHostLifetime, CommandHostLifetime>(), cancellationToken);
}
