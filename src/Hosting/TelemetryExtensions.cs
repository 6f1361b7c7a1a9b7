using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RobustGrid.Core.Diagnostics;

namespace RobustGrid.Hosting;

/// <summary>
/// Tracing and metrics for RobustGrid and Orleans. OTLP export is on when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
/// standard variable, read by the exporter); console export when asked.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Orleans' own activity sources, so client, coordinator and runs form one trace.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// <see cref="AddRobustGridTelemetry(IServiceCollection, string, bool)"/>, with the OTEL_* environment variables in the
    /// host's configuration, where the OTLP exporter reads its endpoint, protocol and headers: a host built without
    /// defaults (the CLI's) has no environment variables there, and its exporter would send to localhost:4317 whatever
    /// OTEL_EXPORTER_OTLP_ENDPOINT said.
    /// </summary>
    public static IHostApplicationBuilder AddRobustGridTelemetry(this IHostApplicationBuilder builder, string serviceName, bool console)
    {
        builder.Configuration.AddInMemoryCollection(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string?>((string)e.Key, (string?)e.Value))
            .Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal)));
        builder.Services.AddRobustGridTelemetry(serviceName, console);
        return builder;
    }

    public static IServiceCollection AddRobustGridTelemetry(this IServiceCollection services, string serviceName, bool console)
    {
        bool otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (!otlp && !console)
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(RobustGridTelemetry.Name).AddSource(OrleansSources);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RobustGridTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }
}
