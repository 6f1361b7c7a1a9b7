using System.CommandLine;
using RobustGrid.Client.Output;
using RobustGrid.Client.Sweeps;
using RobustGrid.Results.Layout;

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
            if (!RunningSweepLine.TryRead(dir.FullName, out SweepManifest? running, out int bad))
            {
                return bad;
            }
            if (!SweepResultsDirectory.HasSummary(dir.FullName))
            {
                if (running is not null)
                {
                    RunningSweepLine.Print(running, "no part committed yet: nothing to show");
                    return ExitCodes.Success;
                }
                return ErrorOutput.BadInput(
                    $"{dir.FullName} is not a sweep results directory (it needs {string.Join(" and ", SweepResultsDirectory.SummaryTables)} tables: {string.Join(" and ", SweepResultsDirectory.SummaryTables.Select(SweepTables.SingleFileName))}, or their parts).");
            }
            if (!TableEpsOption.TryParse(parse.GetValue(tableEps), out IReadOnlyList<double>? radii, out string error))
            {
                return ErrorOutput.BadInput(error);
            }
            try
            {
                if (running is not null)
                {
                    RunningSweepLine.Print(running, "the table shows those");
                }
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
