namespace RobustGrid.Client.Tests.Commands;

/// <summary>The one line a command line that does not parse gets: its errors, then the help to read.</summary>
public sealed class ParseErrorLineTests
{
    [Theory]
    [InlineData("bogus", "robustgrid --help lists the options")]
    [InlineData("sweep --bogus", "robustgrid sweep --help lists the options")]
    [InlineData("report", "robustgrid report --help lists the options")]
    public void The_line_names_the_help_of_the_command_the_error_is_in(string commandLine, string help)
    {
        string line = CliApp.ParseErrorLine(CliApp.CreateRootCommand().Parse(commandLine.Split(' ')));

        Assert.StartsWith("error: ", line);
        Assert.EndsWith($"({help})", line);
        Assert.DoesNotContain("  ", line);
        Assert.DoesNotContain(".;", line);
    }
}
