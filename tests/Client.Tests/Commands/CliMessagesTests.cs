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
        Dictionary<string, DateTime> stored = StoredRunFiles();
        Assert.Equal(2, stored.Count);

        (int second, string output) = await CliProcess.RunAsync(["sweep", "--id", "second", "--seeds", "1..2", .. spec]);

        Assert.True(second == ExitCodes.Success, output);
        Assert.Contains("Reusing: 2 of 4 runs are taken from earlier sweeps' results, 2 to run.", output);
        Assert.DoesNotContain("Resuming", output);
        // The reused runs were answered from their stored results, not trained again.
        Assert.Equal(4, StoredRunFiles().Count);
        Assert.All(stored, run => Assert.Equal(run.Value, StoredRunFiles()[run.Key]));
    }

    private Dictionary<string, DateTime> StoredRunFiles() =>
        Directory.GetFiles(Path.Combine(Results, ".state", "run"), "*.bin", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
}
