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
}
