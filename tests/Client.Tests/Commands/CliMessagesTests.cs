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
}
