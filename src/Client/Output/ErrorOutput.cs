using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>Writes user-facing errors to standard error and returns the matching exit code.</summary>
public static class ErrorOutput
{
    private static readonly IAnsiConsole _stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

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
