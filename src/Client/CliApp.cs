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
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }
            Console.Error.WriteLine($"Usage: robustgrid {string.Join(' ', CommandPath(parse))} [options]; add --help for the options.");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Failed;
        }
    }

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
