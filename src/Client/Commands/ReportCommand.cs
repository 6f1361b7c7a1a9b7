using System.CommandLine;
using RobustGrid.Client.Output;
using RobustGrid.Reports;
using RobustGrid.Results.Layout;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid report &lt;dir&gt; [--out DIR]</c>: the study's figures and an index.html, from a sweep's Parquet files only.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "A sweep's results directory (<results>/<sweep-id>)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write the report (default: <dir>/report). An earlier report there is replaced." };
        var tableEps = TableEpsOption.Create();
        var command = new Command("report", "Draw a sweep's figures (PNG) and an index.html that shows them, from its Parquet files.") { directory, output, tableEps };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string sweep = parse.GetValue(directory)!.FullName;
            string target = parse.GetValue(output)?.FullName ?? Path.Combine(sweep, "report");
            if (!TableEpsOption.TryParse(parse.GetValue(tableEps), out IReadOnlyList<double>? radii, out string error))
            {
                return ErrorOutput.BadInput(error);
            }
            if (!RunningSweepLine.TryRead(sweep, out SweepManifest? running, out int bad))
            {
                return bad;
            }
            try
            {
                ReportOutcome outcome = await WriteAsync(sweep, target, new ReportOptions { TableEps = radii }, cancellationToken);
                if (running is not null)
                {
                    RunningSweepLine.Print(running, "the report shows those");
                }
                AnsiConsole.MarkupLineInterpolated(
                    $"Wrote {outcome.Figures.Count} figures for {outcome.Data.Runs.Count} runs in {outcome.Elapsed.TotalSeconds:0.00} s: [link]{outcome.IndexFile}[/]");
                return ExitCodes.Success;
            }
            catch (ReportInputException e)
            {
                return ErrorOutput.BadInput(e.Message);
            }
        });
        return command;
    }

    private static Task<ReportOutcome> WriteAsync(string sweep, string target, ReportOptions options, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected)
        {
            return ReportWriter.WriteAsync(sweep, target, options, new Steps(step => Console.WriteLine($"report: {step}")), cancellationToken);
        }
        return AnsiConsole.Status().StartAsync("report", context =>
            ReportWriter.WriteAsync(sweep, target, options, new Steps(step => context.Status($"report: {Markup.Escape(step)}")), cancellationToken));
    }

    /// <summary>Reports each step as it happens, on the caller's thread (Progress&lt;T&gt; would post them out of order).</summary>
    private sealed class Steps(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
