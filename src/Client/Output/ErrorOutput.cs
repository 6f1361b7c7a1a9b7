using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>Writes user-facing errors to standard error and returns the matching exit code.</summary>
public static class ErrorOutput
{
    private static readonly IAnsiConsole _stderr = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            console.Profile.Width = 160;
        }
        return console;
    }

    /// <summary>Prints "error: message" and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int BadInput(string message)
    {
        _stderr.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.BadInput;
    }

    /// <summary>Prints "error: message" and returns <see cref="ExitCodes.Failed"/>.</summary>
    public static int Failed(string message)
    {
        _stderr.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.Failed;
    }
}
