using RobustGrid.Client.Sweeps;

namespace RobustGrid.Client.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepLockTests : IDisposable
{
    private readonly TempDirectory _results = new("lock");

    public void Dispose() => _results.Dispose();

    [Fact]
    public void A_sweep_has_one_holder_until_it_lets_go_and_other_sweeps_are_free()
    {
        using (SweepLock? first = SweepLock.TryAcquire(_results.Path, "a"))
        {
            Assert.NotNull(first);
            Assert.Null(SweepLock.TryAcquire(_results.Path, "a"));
            using SweepLock? other = SweepLock.TryAcquire(_results.Path, "b");
            Assert.NotNull(other);
        }
        // The file stays behind, as after a killed process: it does not block.
        Assert.True(File.Exists(Path.Combine(_results.Path, ".state", "locks", "a.lock")));
        using SweepLock? again = SweepLock.TryAcquire(_results.Path, "a");
        Assert.NotNull(again);
    }
}
