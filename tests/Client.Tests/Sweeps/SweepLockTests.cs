using RobustGrid.Client.Sweeps;

namespace RobustGrid.Client.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepLockTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "robustgrid-lock-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void A_sweep_has_one_holder_until_it_lets_go_and_other_sweeps_are_free()
    {
        using (SweepLock? first = SweepLock.TryAcquire(_results, "a"))
        {
            Assert.NotNull(first);
            Assert.Null(SweepLock.TryAcquire(_results, "a"));
            using SweepLock? other = SweepLock.TryAcquire(_results, "b");
            Assert.NotNull(other);
        }
        // The file stays behind, as after a killed process: it does not block.
        Assert.True(File.Exists(Path.Combine(_results, ".state", "locks", "a.lock")));
        using SweepLock? again = SweepLock.TryAcquire(_results, "a");
        Assert.NotNull(again);
    }
}
