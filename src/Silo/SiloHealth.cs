using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace RobustGrid.Silo;

/// <summary>
/// The silo host's health endpoints, for the Compose health check and the Kubernetes probes (docs/DEPLOY.md, "Health").
/// <c>/healthz</c> (liveness) answers 200 while the process serves HTTP: it asks nothing remote, so an outage of Redis
/// does not restart every silo at once. <c>/readyz</c> (readiness) answers 200 only while Orleans reports this silo
/// <see cref="SiloStatus.Active"/> in the cluster (joined, gateway open), and 503 while it joins or shuts down.
/// </summary>
public static class SiloHealth
{
    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    private const string Live = "live", Ready = "ready";

    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("serving HTTP"), [Live])
            .AddCheck<SiloActiveCheck>("silo-active", tags: [Ready]);
        // The HTTP host starts beside the silo, not after it has joined, so /healthz answers and /readyz says 503 while
        // it joins (Orleans starts the silo in its hosted service, which otherwise holds back the web server's start).
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        return services;
    }

    public static WebApplication MapSiloHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>Healthy while Orleans' membership has this silo Active; the status otherwise.</summary>
    private sealed class SiloActiveCheck(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            SiloStatus status = oracle.CurrentStatus;
            return Task.FromResult(status == SiloStatus.Active
                ? HealthCheckResult.Healthy($"silo {oracle.SiloAddress} is active")
                : new HealthCheckResult(context.Registration.FailureStatus, $"silo {oracle.SiloAddress} is {status}, not active"));
        }
    }
}
