using System.Globalization;
using Spectre.Console;

namespace RobustGrid.Client.Tests.Commands;

/// <summary>
/// <c>--clip</c> and <c>--table-eps</c> through the CLI: a clipped sweep and the same sweep unclipped, on the in-process
/// silo; the clip column and the curves of their files, and the summary table and report drawn with chosen radii.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClipAndTableEpsTests : IDisposable
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    private readonly TempDirectory _dir = new("cli-clip");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Clip_reaches_the_files_and_the_report_and_table_eps_picks_the_tables_radii()
    {
        string results = Path.Combine(_dir.Path, "results");
        string[] sweep = ["sweep", "--seeds", "1..2", "--modes", "regular", "--epochs", "1", "--results", results];
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync([.. sweep, "--id", "plain"]));
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync([.. sweep, "--id", "clipped", "--clip"]));
        string plain = Path.Combine(results, "plain"), clipped = Path.Combine(results, "clipped");

        foreach (var (directory, clip) in new[] { (plain, false), (clipped, true) })
        {
            foreach (string file in new[] { "runs.parquet", "curves.parquet" })
            {
                Assert.Equal([clip], DuckDb.Column<bool>($"SELECT DISTINCT clip FROM {DuckDb.File(directory, file)}"));
            }
        }
        // The same training, another attack: clipping never helps the attack and holds it back at some radius.
        var pairs = DuckDb.Rows($"""
            SELECT p.attack_eps, p.robust_accuracy, c.robust_accuracy FROM {DuckDb.File(plain, "curves.parquet")} p
            JOIN {DuckDb.File(clipped, "curves.parquet")} c ON c.seed = p.seed AND c.eps_index = p.eps_index
            """);
        Assert.Equal(2 * 101, pairs.Count);
        Assert.All(pairs, r => Assert.True((double)r[2]! >= (double)r[1]!, $"eps {r[0]}: clipped {r[2]} < unclipped {r[1]}"));
        Assert.Contains(pairs, r => (double)r[2]! > (double)r[1]!);

        // 0.123 is off the grid (0 to 0.5 by 0.005): it moves to 0.125.
        string table = await PrintedAsync(["results", clipped, "--table-eps", "0.05,0.123"]);
        Assert.Contains("acc @0.05 %", table);
        Assert.Contains("acc @0.125 %", table);
        Assert.DoesNotContain("acc @0.1 %", table);   // the default radii (20%, 40%, 60% of the grid) are not shown
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(["report", clipped, "--table-eps", "0.05,0.123"]));
        string page = File.ReadAllText(Path.Combine(clipped, "report", "index.html"));
        Assert.Contains("attack clipped to [0, 1]", page);
        Assert.Contains("-clip-curves.png", page);
        Assert.DoesNotContain("<th>accuracy at eps 0.1</th>", page);
        foreach (double eps in new[] { 0.05, 0.125 })
        {
            object?[] at = Assert.Single(DuckDb.Rows($"SELECT avg(robust_accuracy), stddev_samp(robust_accuracy) FROM {DuckDb.File(clipped, "curves.parquet")} "
                + $"WHERE abs(attack_eps - {eps.ToString("R", _invariant)}) < 1e-9"));
            double mean = (double)at[0]! * 100, std = (double)at[1]! * 100;
            Assert.Contains(string.Create(_invariant, $"<th>accuracy at eps {eps:0.###}</th>"), page);
            Assert.Contains(string.Create(_invariant, $"<td>{mean:0.00}% ± {std:0.00}%</td>"), page);
            Assert.Contains(string.Create(_invariant, $"{mean:0.00}±{std:0.00}"), table);
        }
    }

    /// <summary>What the command writes to the console, wide enough that no cell wraps; its exit code must be 0.</summary>
    private static async Task<string> PrintedAsync(string[] args)
    {
        IAnsiConsole previous = AnsiConsole.Console;
        var output = new StringWriter();
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        AnsiConsole.Console.Profile.Width = 240;
        try
        {
            Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
        return output.ToString();
    }
}
