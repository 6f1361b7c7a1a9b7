using System.CommandLine;

namespace RobustGrid.Client.Tests.Commands;

/// <summary>
/// Every numeric option of every command, found in the command tree, refuses text that is not a finite number in words
/// that name the option and the value, never the CLR type System.CommandLine would name, and exits 2.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NumberOptionTests : IDisposable
{
    private static readonly Type[] _numbers = [typeof(int), typeof(long), typeof(float), typeof(double)];
    private readonly TempDirectory _root = new("number-options");

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string, string> BadValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string command, Option option) in NumericOptions(CliApp.CreateRootCommand(), ""))
        {
            foreach (string value in new[] { "inf", "NaN", "-Infinity", "1e400", "junk", "1,5" })
            {
                data.Add(command, option.Name, value);
            }
        }
        return data;
    }

    [Fact]
    public void The_tree_has_the_numeric_options_the_messages_are_checked_for()
    {
        string[] found = [.. NumericOptions(CliApp.CreateRootCommand(), "").Select(o => $"{o.Command} {o.Option.Name}")];

        Assert.Equal(18, found.Length);
        Assert.Contains("dashboard --port", found);
        Assert.Contains("sweep --lr", found);
        Assert.Contains("run --seed", found);
        Assert.Contains("data fetch --timeout", found);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_value_that_is_not_a_finite_number_is_refused_naming_the_option_and_the_value(string command, string option, string value)
    {
        string results = Path.Combine(_root.Path, "results");
        string[] args = [.. command.Split(' '), .. command == "data fetch" ? ["mnist", "--dir", results] : Array.Empty<string>(), option, value, .. command == "sweep" ? ["--results", results] : Array.Empty<string>()];

        string line = CliApp.ParseErrorLine(CliApp.CreateRootCommand().Parse(args));

        Assert.Matches($"^error: {option} must be .+, got '{value}'\\. \\(robustgrid {command} --help lists the options\\)$", line);
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(args));
        Assert.False(Directory.Exists(results), $"{command} {option} {value} wrote something");
    }

    [Fact]
    public void Finite_numbers_parse_and_defaults_hold_when_the_option_is_not_given()
    {
        RootCommand root = CliApp.CreateRootCommand();
        ParseResult parse = root.Parse(["run", "--lr", "1e-4", "--epochs", "3", "--seed", "-5", "--eps", "0.25"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(1e-4f, parse.GetValue<float?>("--lr"));
        Assert.Equal(3, parse.GetValue<int?>("--epochs"));
        Assert.Equal(-5L, parse.GetValue<long>("--seed"));
        Assert.Equal(0.25, parse.GetValue<double?>("--eps"));
        Assert.Equal(101, parse.GetValue<int>("--attack-points"));
        Assert.Equal(0.5, parse.GetValue<double>("--attack-eps-max"));
        Assert.Null(parse.GetValue<int?>("--batch-size"));
    }

    private static IEnumerable<(string Command, Option Option)> NumericOptions(Command command, string path)
    {
        foreach (Option option in command.Options.Where(o => _numbers.Contains(Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType)))
        {
            yield return (path, option);
        }
        foreach (Command sub in command.Subcommands)
        {
            foreach (var found in NumericOptions(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return found;
            }
        }
    }
}
