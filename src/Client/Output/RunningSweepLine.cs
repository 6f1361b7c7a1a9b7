using System.Globalization;
using RobustGrid.Results.Layout;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>The line that says a sweep is still running and how much of it a table or report shows.</summary>
public static class RunningSweepLine
{
    /// <summary>"Running: 2,048 of 20,000 runs committed (the table shows those)".</summary>
    /// <param name="note">What the reader makes of the committed runs: "the table shows those".</param>
    public static string Text(SweepManifest manifest, string note) => string.Create(CultureInfo.InvariantCulture,
        $"Running: {manifest.CommittedRuns:N0} of {manifest.TotalRuns:N0} runs committed ({note})");

    public static void Print(SweepManifest manifest, string note) => AnsiConsole.MarkupLineInterpolated($"[yellow]{Text(manifest, note)}[/]");

    /// <summary>
    /// The running sweep's manifest (<see cref="Sweeps.SweepResultsDirectory.Running"/>), or the exit code of the one
    /// line that says its manifest.json cannot be read.
    /// </summary>
    public static bool TryRead(string directory, out SweepManifest? running, out int exitCode)
    {
        try
        {
            running = Sweeps.SweepResultsDirectory.Running(directory);
            exitCode = ExitCodes.Success;
            return true;
        }
        catch (InvalidDataException e)
        {
            running = null;
            exitCode = ErrorOutput.BadInput($"cannot tell how far the sweep is: {OneLine(e.Message)}");
            return false;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
