using System.CommandLine;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid data</c>: inspect and fetch datasets.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect and fetch datasets.");
        data.Subcommands.Add(DataInfoCommand.Create());
        data.Subcommands.Add(DataFetchCommand.Create());
        return data;
    }
}
