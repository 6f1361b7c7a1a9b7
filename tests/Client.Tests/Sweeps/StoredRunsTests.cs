using RobustGrid.Client.Sweeps;

namespace RobustGrid.Client.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class StoredRunsTests
{
    [Fact]
    public void A_sweep_started_before_resumes_and_a_new_one_reuses_earlier_sweeps_runs()
    {
        Assert.Equal("Resuming: 40 of 80 runs already done, 40 to run.", StoredRuns.Line(40, 80, sweepStarted: true));
        Assert.Equal("Reusing: 40 of 80 runs are taken from earlier sweeps' results, 40 to run.", StoredRuns.Line(40, 80, sweepStarted: false));
        Assert.Null(StoredRuns.Line(0, 80, sweepStarted: true));
    }

    [Fact]
    public void A_sweep_has_started_once_its_grain_stored_its_state_under_the_results_root()
    {
        using var root = new TempDirectory("stored-runs");
        string state = Path.Combine(root.Path, ".state", RobustGrid.Hosting.Storage.StateFileName.RelativePath("sweep", "sweep/s1"));
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllBytes(state, [1]);

        Assert.True(StoredRuns.SweepStarted(root.Path, "s1"));
        Assert.False(StoredRuns.SweepStarted(root.Path, "s2"));
        Assert.False(StoredRuns.SweepStarted(Path.Combine(root.Path, "nothing"), "s1"));
    }
}
