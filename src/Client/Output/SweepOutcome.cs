using RobustGrid.Client.Sweeps;
using RobustGrid.Grains.Contracts.Messages;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>Prints how a finished sweep ended and returns the exit code: 0 all completed, 1 runs or writing failed.</summary>
public static class SweepOutcome
{
    public static async Task<int> ReportAsync(SweepProgress progress, CancellationToken cancellationToken)
    {
        if (progress.ResultsDirectory is { } directory && SweepResultsDirectory.HasAllFiles(directory))
        {
            await SweepSummaryTable.PrintAsync(directory, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Results: [bold]{directory}[/] ({string.Join(", ", SweepResultsDirectory.Present(directory))})");
            AnsiConsole.MarkupLineInterpolated($"Figures: robustgrid report {directory}");
        }
        else if (progress.ResultsDirectory is { } remote)
        {
            AnsiConsole.MarkupLineInterpolated($"Results were written on the coordinator's silo at [bold]{remote}[/].");
        }
        TimeSpan? took = progress.FinishedAt - progress.StartedAt;
        string time = took is { } t ? $" in {t.TotalSeconds:0.0} s" : "";
        switch (progress.Phase)
        {
            case SweepPhase.Completed:
                AnsiConsole.MarkupLineInterpolated($"[green]{progress.Completed} runs completed[/]{time}.");
                return ExitCodes.Success;
            case SweepPhase.CompletedWithFailures:
                return ErrorOutput.Failed($"{progress.Failed} of {progress.Total} runs failed after all retries{time}; see the error column of the runs table.");
            default:
                return ErrorOutput.Failed($"the sweep ended {progress.Phase}: {string.Join("; ", progress.Faults)}");
        }
    }
}
