using System.CommandLine;
using RobustGrid.Client.Cluster;
using RobustGrid.Client.Output;
using RobustGrid.Client.Sweeps;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid status &lt;sweep-id&gt;</c>: a sweep's progress on a cluster, or whether its results exist locally.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("sweep-id") { Description = "The sweep to look at." };
        var connection = ConnectionOptions.Create();
        var command = new Command("status", "Show a sweep's progress (from the cluster with --gateway; from the results directory otherwise).") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string sweepId = parse.GetValue(id)!;
            if (SweepIds.Validate(sweepId) is { } bad)
            {
                return ErrorOutput.BadInput(bad);
            }
            ConnectionOptions.Values target = connection.Read(parse);
            if (target.Gateway is null)
            {
                string directory = Path.Combine(target.Results, sweepId);
                if (!SweepResultsDirectory.HasAllFiles(directory))
                {
                    return ErrorOutput.Failed($"no results for sweep {sweepId} under {target.Results}; a sweep in progress on a cluster is seen with --gateway host:port.");
                }
                AnsiConsole.MarkupLineInterpolated($"Sweep [bold]{sweepId}[/]: complete, results in {Path.GetFullPath(directory)}");
                await SweepSummaryTable.PrintAsync(directory, cancellationToken);
                return ExitCodes.Success;
            }
            await using ClusterConnection? cluster = await target.ConnectAsync(cancellationToken);
            if (cluster is null)
            {
                return ExitCodes.BadInput;
            }
            SweepProgress p = await SweepProgressView.PollAsync(cluster.Client.GetGrain<ISweepGrain>(sweepId), cancellationToken);
            if (p.Phase == SweepPhase.Unknown)
            {
                return ErrorOutput.Failed($"the cluster knows no sweep {sweepId}.");
            }
            AnsiConsole.MarkupLineInterpolated($"Sweep [bold]{sweepId}[/]: {p.Phase}, {p.Completed}/{p.Total} done, {p.Failed} failed, {p.Running} running, {p.Pending} pending; coordinator on silo {p.Coordinator ?? "?"}.");
            if (p.ResultsDirectory is { } dir)
            {
                AnsiConsole.MarkupLineInterpolated($"Results: {dir}");
            }
            return p.Phase is SweepPhase.CompletedWithFailures or SweepPhase.Failed ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }
}
