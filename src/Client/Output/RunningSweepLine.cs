using System.Globalization;
using System.Text.Json;
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
            // The parser's own words are long (a console wraps them): where it stopped is what a user needs.
            string message = e.InnerException is JsonException json
                ? $"{Path.Combine(directory, SweepManifest.FileName)} is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})."
                : e.Message;
            exitCode = ErrorOutput.BadInput(string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
            return false;
        }
    }
}
