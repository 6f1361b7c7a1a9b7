using RobustGrid.Client.Cluster;
using RobustGrid.Client.Commands;
using RobustGrid.Client.Sweeps;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>
/// The first Ctrl+C while a sweep is followed. Locally: the in-process silo stops, which stops dispatching, lets the
/// runs that are training finish and store their results (runs still waiting for a core are dropped), for up to
/// <see cref="ClusterConnection.DisposeAsync"/>'s 10 s; then one line says how to resume, and the exit code is 130.
/// On a cluster the sweep goes on without this client.
/// </summary>
public static class SweepInterruption
{
    public static async Task<int> StopAsync(ClusterConnection cluster, string sweepId, int total, ConnectionOptions.Values target)
    {
        if (!cluster.IsLocal)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted:[/] the sweep goes on in the cluster; follow it again with: robustgrid sweep --attach {sweepId} --gateway {target.Gateway}");
            return ExitCodes.Interrupted;
        }
        AnsiConsole.MarkupLine("[yellow]Stopping:[/] no new runs (Ctrl+C again exits at once, losing nothing committed).");
        await cluster.DisposeAsync();
        // The drain is bounded (runs that are training finish first): the open part's files may outlive it.
        // This process's silo, the sweep's only writer (its lock keeps others out), has stopped: they are dead.
        RobustGrid.Results.SweepFilesWriter.RemoveUnfinished(Path.Combine(target.Results, sweepId));
        string done = Committed(Path.Combine(target.Results, sweepId)) is int committed ? $"{committed} of {total} runs committed and kept" : "committed runs are kept";
        AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted:[/] {done}; resume with: robustgrid sweep --attach {sweepId} --results {Quoted(target.Results)}");
        return ExitCodes.Interrupted;
    }

    /// <summary>The runs the sweep's manifest says are committed; null when it has none that can be read.</summary>
    private static int? Committed(string sweepDirectory)
    {
        try
        {
            return RobustGrid.Results.Layout.SweepManifest.Read(sweepDirectory)?.CommittedRuns ?? 0;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string Quoted(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '\\') ? "'" + path.Replace("'", "'\\''") + "'" : path;
}
