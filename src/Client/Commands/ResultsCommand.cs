using System.CommandLine;
using RobustGrid.Client.Output;
using RobustGrid.Client.Sweeps;
using RobustGrid.Results;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid results &lt;dir&gt;</c>: the summary table of a sweep from its Parquet files; no cluster needed.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "A sweep's results directory (<results>/<sweep-id>)." };
        var tableEps = TableEpsOption.Create();
        var command = new Command("results", "Print a sweep's summary table from its Parquet files.") { directory, tableEps };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DirectoryInfo dir = parse.GetValue(directory)!;
            if (!SweepResultsDirectory.HasSummary(dir.FullName))
            {
                return ErrorOutput.BadInput($"{dir.FullName} is not a sweep results directory (it needs {SweepResultsWriter.Runs} and {SweepResultsWriter.Curves}).");
            }
            if (!TableEpsOption.TryParse(parse.GetValue(tableEps), out IReadOnlyList<double>? radii, out string error))
            {
                return ErrorOutput.BadInput(error);
            }
            try
            {
                await SweepSummaryTable.PrintAsync(dir.FullName, cancellationToken, radii);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
            {
                return ErrorOutput.BadInput($"{dir.FullName}: cannot read the results ({e.Message}).");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
