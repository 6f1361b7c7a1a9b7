using System.CommandLine;
using System.Net;
using RobustGrid.Client.Cluster;
using RobustGrid.Client.Output;

namespace RobustGrid.Client.Commands;

/// <summary>The options that say which cluster to use: --gateway with --cluster-id and --service-id, --results (local silo), --telemetry-console.</summary>
public sealed class ConnectionOptions
{
    private readonly Option<string?> _gateway = new("--gateway") { Description = "host:port of a running cluster's gateway, or several separated by commas to fail over between them (default: an in-process silo)." };
    private readonly Option<DirectoryInfo> _results = new("--results") { Description = "Results root of the in-process silo.", DefaultValueFactory = _ => new DirectoryInfo("results") };
    private readonly Option<string?> _clusterId = new("--cluster-id") { Description = "Cluster id of the silos behind --gateway (default: RobustGrid__ClusterId, else robustgrid)." };
    private readonly Option<string?> _serviceId = new("--service-id") { Description = "Service id of the silos behind --gateway (default: RobustGrid__ServiceId, else robustgrid)." };
    private readonly Option<bool> _telemetry = new("--telemetry-console") { Description = "Print traces and metrics to the console (OTLP export follows OTEL_EXPORTER_OTLP_ENDPOINT)." };

    public static ConnectionOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_gateway);
        command.Options.Add(_results);
        command.Options.Add(_clusterId);
        command.Options.Add(_serviceId);
        command.Options.Add(_telemetry);
    }

    public Values Read(ParseResult parse) => new(parse.GetValue(_gateway), parse.GetValue(_results)!.FullName, parse.GetValue(_telemetry))
    {
        ClusterId = parse.GetValue(_clusterId),
        ServiceId = parse.GetValue(_serviceId),
    };

    public sealed record Values(string? Gateway, string Results, bool ConsoleTelemetry)
    {
        /// <summary>--cluster-id; null means <see cref="ClusterIdentity.Resolve"/>'s fallbacks.</summary>
        public string? ClusterId { get; init; }

        /// <summary>--service-id; null means <see cref="ClusterIdentity.Resolve"/>'s fallbacks.</summary>
        public string? ServiceId { get; init; }

        /// <summary>Starts the local silo or connects to the gateway; prints the error and returns null when that fails.</summary>
        public async Task<ClusterConnection?> ConnectAsync(CancellationToken cancellationToken)
        {
            if (Gateway is null)
            {
                return await ClusterConnection.StartLocalAsync(Results, ConsoleTelemetry, cancellationToken);
            }
            if (!GatewayAddress.TryParseList(Gateway, out IPEndPoint[] endpoints))
            {
                ErrorOutput.BadInput($"--gateway must be host:port or a comma-separated list of them (got '{Gateway}').");
                return null;
            }
            try
            {
                return await ClusterConnection.ConnectAsync(endpoints, ConsoleTelemetry, cancellationToken, ClusterId, ServiceId);
            }
            catch (ClusterIdentityMismatchException e)
            {
                ErrorOutput.BadInput($"the gateway at {Gateway} answered, but: {e.Message}.");
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ErrorOutput.BadInput($"cannot reach the cluster gateway at {Gateway}: {e.Message}");
                return null;
            }
        }
    }
}
