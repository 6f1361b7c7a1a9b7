using System.CommandLine;
using RobustGrid.Client.Commands;
using Spectre.Console;

namespace RobustGrid.Client;

/// <summary>The robustgrid command tree and its invocation rules: parse errors print usage and exit 2.</summary>
public static class CliApp
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("RobustGrid: adversarial robustness experiments for linear classifiers.");
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DashboardCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, returning the process exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        RootCommand root = CreateRootCommand();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine(ParseErrorLine(parse));
            return ExitCodes.BadInput;
        }
        try
        {
            // The process's own Ctrl+C handler (Program.cs) cancels the token; System.CommandLine's would end the
            // process 2 s after the first Ctrl+C, before runs in flight could finish. Its exception handler would
            // turn a cancellation into a silent exit 1, so exceptions come here instead.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException e)
        {
            return Output.ErrorOutput.Failed(e.Message);
        }
        catch (Exception e)
        {
            // What System.CommandLine's own handler writes for an exception no command expected.
            Console.Error.WriteLine($"Unhandled exception: {e}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>One line, whatever was wrong: the errors, then the help that lists the options of the command they are in.</summary>
    internal static string ParseErrorLine(ParseResult parse) =>
        $"error: {string.Join(' ', parse.Errors.Select(e => e.Message.TrimEnd('.') + "."))} ({string.Join(' ', ["robustgrid", .. CommandPath(parse), "--help"])} lists the options)";

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var symbol = parse.CommandResult; symbol is not null && symbol.Command is not RootCommand; symbol = symbol.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(symbol.Command.Name);
        }
        return names;
    }
}
