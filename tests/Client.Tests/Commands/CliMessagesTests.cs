using RobustGrid.Results.Layout;
namespace RobustGrid.Client.Tests.Commands;

/// <summary>Messages as a user sees them, from the built CLI in a child process: each says what is wrong, or what happens.</summary>
[Trait("Category", "Integration")]
public sealed class CliMessagesTests : IDisposable
{
    private readonly TempDirectory _root = new("messages");

    public void Dispose() => _root.Dispose();

    private string Results => Path.Combine(_root.Path, "results");

    [Fact]
    public async Task Lr_inf_says_what_lr_takes_not_the_clr_type()
    {
        (int exitCode, string output) = await CliProcess.RunAsync("sweep", "--lr", "inf", "--results", Results);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("error: --lr must be a finite number greater than 0, at most 1000, got 'inf'. (robustgrid sweep --help lists the options)", output.Trim());
    }

    [Fact]
    public async Task Too_many_seeds_says_the_limit_not_how_to_write_a_list()
    {
        (int exitCode, string output) = await CliProcess.RunAsync("sweep", "--seeds", "1..100000000", "--results", Results);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("error: seeds '1..100000000' are 100,000,000 seeds; a sweep takes at most 1,000,000.", output.Trim());
        Assert.False(Directory.Exists(Results));
    }

    [Fact]
    public async Task A_new_sweep_that_reuses_earlier_runs_says_so_and_does_not_claim_to_resume()
    {
        string[] spec = ["--eps", "0.1", "--epochs", "1", "--results", Results];
        (int first, string firstOutput) = await CliProcess.RunAsync(["sweep", "--id", "first", "--seeds", "1", .. spec]);
        Assert.True(first == ExitCodes.Success, firstOutput);
        Assert.DoesNotContain("Reusing", firstOutput);
        List<object?[]> earlier = Executions("first");
        Assert.Equal(2, earlier.Count);

        (int second, string output) = await CliProcess.RunAsync(["sweep", "--id", "second", "--seeds", "1..2", .. spec]);

        Assert.True(second == ExitCodes.Success, output);
        Assert.Contains("Reusing: 2 of 4 runs are taken from earlier sweeps' results, 2 to run.", output);
        Assert.DoesNotContain("Resuming", output);
        // The reused runs were read from the first sweep's committed results, not trained again: the silo (another
        // process's) and the duration of their one execution are the first sweep's.
        List<object?[]> now = Executions("second");
        Assert.Equal(4, now.Count);
        Assert.All(earlier, run => Assert.Contains(now, r => r.SequenceEqual(run)));
    }

    /// <summary>Where and how long each run of a sweep trained, by run key.</summary>
    private List<object?[]> Executions(string sweepId) =>
        DuckDb.Rows($"SELECT run_key, silo, duration_seconds FROM {DuckDb.Table(Path.Combine(Results, sweepId), SweepTables.Runs)} ORDER BY run_key");
}
