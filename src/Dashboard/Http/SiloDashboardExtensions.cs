using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustGrid.Dashboard.Progress;
using RobustGrid.Dashboard.Sweeps;

namespace RobustGrid.Dashboard.Http;

/// <summary>The page in a silo host: the sweeps under its results root, their progress from the silo's own grain factory.</summary>
public static class SiloDashboardExtensions
{
    /// <summary>Maps the sweeps page at <paramref name="prefix"/> (e.g. "/sweeps") for the results root <paramref name="resultsRoot"/>.</summary>
    public static RouteGroupBuilder MapSweepDashboard(this IEndpointRouteBuilder endpoints, string prefix, string resultsRoot)
    {
        IServiceProvider services = endpoints.ServiceProvider;
        var progress = new GrainSweepProgressSource(
            services.GetRequiredService<IGrainFactory>(), [], services.GetService<ILoggerFactory>()?.CreateLogger(typeof(SiloDashboardExtensions).FullName!));
        return endpoints.MapSweepDashboard(prefix, new SweepCatalog(resultsRoot, progress));
    }
}
