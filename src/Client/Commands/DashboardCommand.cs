using System.CommandLine;
using System.Globalization;
using System.Net;
using RobustGrid.Client.Cluster;
using RobustGrid.Client.Output;
using RobustGrid.Dashboard.Http;
using RobustGrid.Dashboard.Progress;
using RobustGrid.Dashboard.Sweeps;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary>
/// <c>robustgrid dashboard</c>: serves the sweeps page (read-only) for the sweeps under <c>--results</c>, running or
/// finished, and with <c>--gateway</c> with their coordinators' progress; on loopback unless <c>--bind</c> says otherwise.
/// </summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var results = new Option<DirectoryInfo>("--results") { Description = "The results root whose sweeps the page shows.", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var gateway = new Option<string?>("--gateway") { Description = "host:port of a running cluster's gateway (or several, comma-separated): the sweeps' progress from their coordinators." };
        var clusterId = new Option<string?>("--cluster-id") { Description = "Cluster id of the silos behind --gateway (default: RobustGrid__ClusterId, else robustgrid)." };
        var serviceId = new Option<string?>("--service-id") { Description = "Service id of the silos behind --gateway (default: RobustGrid__ServiceId, else robustgrid)." };
        var port = NumberOption.Create("--port", "TCP port of the page, 0..65535 (0: a free port).", "a whole number in 0..65535", 0);
        var bind = new Option<string>("--bind") { Description = "Address to listen on; another than loopback (e.g. 0.0.0.0) only when you mean to share the page: it has no authentication.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("dashboard", "Serve a page with the progress, curves and tables of the sweeps under --results (and of a cluster with --gateway).")
        {
            results, gateway, clusterId, serviceId, port, bind,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                return ErrorOutput.BadInput($"--port must be a whole number in 0..65535, got {portNumber.ToString(CultureInfo.InvariantCulture)}.");
            }
            string bindText = parse.GetValue(bind)!;
            if (ParseAddress(bindText) is not { } address)
            {
                return ErrorOutput.BadInput($"--bind must be an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0 (got '{bindText}').");
            }
            string root = parse.GetValue(results)!.FullName;
            if (!Directory.Exists(root))
            {
                return ErrorOutput.BadInput($"the results directory {root} does not exist (--results).");
            }
            ClusterConnection? cluster = null;
            string? gatewayText = parse.GetValue(gateway);
            if (gatewayText is not null)
            {
                var target = new ConnectionOptions.Values(gatewayText, root, false) { ClusterId = parse.GetValue(clusterId), ServiceId = parse.GetValue(serviceId) };
                cluster = await target.ConnectAsync(cancellationToken);
                if (cluster is null)
                {
                    return ExitCodes.BadInput;
                }
            }
            await using (cluster)
            {
                var catalog = new SweepCatalog(root, cluster is null ? null : new GrainSweepProgressSource(cluster.Client, []));
                DashboardServer server;
                try
                {
                    server = await DashboardPage.StartAsync(address, portNumber, catalog, cancellationToken);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    return ErrorOutput.BadInput($"cannot listen on {bindText}:{portNumber}: {e.Message}");
                }
                await using (server)
                {
                    AnsiConsole.WriteLine($"Dashboard: {server.Url}");
                    AnsiConsole.WriteLine($"Sweeps under {root}{(cluster is null ? "" : $", progress from the cluster at {gatewayText}")}; Ctrl+C stops it.");
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>An IP address, or "localhost" for loopback.</summary>
    internal static IPAddress? ParseAddress(string text) =>
        text.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.TryParse(text, out IPAddress? address) ? address : null;
}
