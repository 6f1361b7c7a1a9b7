using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RobustGrid.Grains;

namespace RobustGrid.Hosting;

/// <summary>
/// A silo host's stop, bounded by <see cref="RobustGridOptions.ShutdownSeconds"/>: the host gives its services that long
/// to drain (Orleans hands grains off and leaves the membership table), and the process ends then whatever is still
/// waiting. When Redis is unreachable as the stop begins, the drain cannot succeed (membership, grain state and
/// reminders all live there): the silo says so in one line, and the timeouts and stack traces that would follow are not
/// logged.
/// </summary>
public static class BoundedShutdown
{
    /// <summary>Exit code of a silo whose drain did not finish within the drain time.</summary>
    public const int DrainTimedOut = 3;

    public static IServiceCollection AddBoundedShutdown(this IServiceCollection services, RobustGridOptions options)
    {
        TimeSpan drain = TimeSpan.FromSeconds(Math.Max(1, options.ShutdownSeconds));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = drain);
        var gate = new LogGate();
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(gate);
        services.AddHostedService(provider => new Watchdog(provider.GetRequiredService<IHostApplicationLifetime>(), options, drain, gate));
        return services;
    }

    /// <summary>True when a TCP connection to the first Redis endpoint opens within a second.</summary>
    public static async Task<bool> RedisAnswersAsync(RobustGridOptions options)
    {
        try
        {
            EndPoint endpoint = SiloBuilderExtensions.RedisConfiguration(options).EndPoints.First();
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(endpoint, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Every logging rule, made to pass nothing below Critical once <see cref="Quiet"/> is set.</summary>
    private sealed class LogGate : IPostConfigureOptions<LoggerFilterOptions>
    {
        public volatile bool Quiet;

        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            bool catchAll = options.Rules.Any(r => r.ProviderName is null && r.CategoryName is null);
            var rules = options.Rules.Select(r => new LoggerFilterRule(r.ProviderName, r.CategoryName, r.LogLevel,
                (provider, category, level) => Pass(level) && (r.Filter?.Invoke(provider, category, level) ?? true))).ToList();
            options.Rules.Clear();
            foreach (LoggerFilterRule rule in rules)
            {
                options.Rules.Add(rule);
            }
            if (!catchAll)
            {
                // For categories no rule names: the minimum level, gated like the rest.
                options.Rules.Add(new LoggerFilterRule(null, null, options.MinLevel, (_, _, level) => Pass(level)));
            }
        }

        private bool Pass(LogLevel level) => !Quiet || level >= LogLevel.Critical;
    }

    private sealed class Watchdog(IHostApplicationLifetime lifetime, RobustGridOptions options, TimeSpan drain, LogGate gate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(() => _ = WatchAsync());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private async Task WatchAsync()
        {
            var deadline = Task.Delay(drain);
            if (options.StorageOrDefault() == StorageKind.Redis && !await RedisAnswersAsync(options))
            {
                gate.Quiet = true;
                Console.Error.WriteLine($"robustgrid-silo: stopping without a drain: Redis at '{SiloStartFailure.RedactPassword(options.Redis)}' is unreachable; " +
                    $"exiting within {drain.TotalSeconds:0} s (RobustGrid:ShutdownSeconds). Runs in flight here start again on other silos.");
            }
            await deadline;
            if (!gate.Quiet)
            {
                gate.Quiet = true;
                Console.Error.WriteLine($"robustgrid-silo: the drain did not finish within {drain.TotalSeconds:0} s (RobustGrid:ShutdownSeconds); exiting without it.");
            }
            Environment.Exit(DrainTimedOut);
        }
    }
}
