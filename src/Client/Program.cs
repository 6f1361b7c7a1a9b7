using RobustGrid.Client;
using RobustGrid.Client.Diagnostics;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // logs and pipes have no terminal width: keep tables on one line per row
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the command to stop cleanly; a second one takes the default action and ends the process
    // at once (exit 130): what is stored is in files already renamed into place, so nothing stored is lost.
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};
StageTimer.Mark("main");
int exitCode = await CliApp.InvokeAsync(args, cancel.Token);
StageTimer.Mark("command done");
return exitCode;
