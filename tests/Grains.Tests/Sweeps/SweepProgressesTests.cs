using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepProgressesTests
{
    private static readonly SweepSpec _spec = RegularSweep.Spec(5);
    private static readonly IReadOnlyList<RunSpec> _runs = RegularSweep.Runs(5);
    private static readonly DateTimeOffset _started = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void A_sweep_never_started_is_unknown()
    {
        SweepProgress progress = SweepProgresses.Of("s1", new SweepState(), null, "silo-a");

        Assert.Equal(("s1", SweepPhase.Unknown, 0, 0), (progress.SweepId, progress.Phase, progress.Total, progress.Running));
        Assert.Empty(progress.Faults);
        Assert.Null(progress.Coordinator);
    }

    [Fact]
    public void A_running_sweep_counts_from_its_ledger()
    {
        var ledger = new SweepLedger(_runs, concurrency: 3, retries: 0);
        IReadOnlyList<RunSpec> started = ledger.TakeStartable();
        ledger.Finish(started[0].Key, RunStatus.Completed, null);
        ledger.Finish(started[1].Key, RunStatus.Failed, "boom");
        var state = new SweepState { Spec = _spec, Phase = SweepPhase.Running, Total = 5, StartedAt = _started, ResultsDirectory = "/r/s1" };

        SweepProgress progress = SweepProgresses.Of("s1", state, ledger, "silo-a");

        Assert.Equal((SweepPhase.Running, 5, 1, 1, 1, 2), (progress.Phase, progress.Total, progress.Completed, progress.Failed, progress.Running, progress.Pending));
        Assert.Equal(("/r/s1", (DateTimeOffset?)_started, (DateTimeOffset?)null, "silo-a"), (progress.ResultsDirectory, progress.StartedAt, progress.FinishedAt, progress.Coordinator));
        Assert.Empty(progress.Faults);
    }

    [Fact]
    public void A_finished_sweep_counts_from_its_state_every_run_not_failed_completed()
    {
        var state = new SweepState { Spec = _spec, Phase = SweepPhase.CompletedWithFailures, Total = 5, Failed = 2, StartedAt = _started, FinishedAt = _started.AddMinutes(1) };

        SweepProgress progress = SweepProgresses.Of("s1", state, null, "silo-b");

        Assert.Equal((SweepPhase.CompletedWithFailures, 5, 3, 2, 0), (progress.Phase, progress.Total, progress.Completed, progress.Failed, progress.Running));
        Assert.Equal(_started.AddMinutes(1), progress.FinishedAt);
        Assert.True(progress.IsFinished);
    }

    [Fact]
    public void The_states_error_is_the_one_fault()
    {
        var state = new SweepState { Spec = _spec, Phase = SweepPhase.Failed, Total = 5, Error = "writing results failed: disk full" };
        Assert.Equal(["writing results failed: disk full"], SweepProgresses.Of("s1", state, null, "silo-a").Faults);
    }

    [Fact]
    public void A_rejected_request_names_its_faults_and_nothing_else()
    {
        SweepProgress rejected = SweepProgresses.Rejected("s1", "the sweep has no seeds.", "bad eps.");

        Assert.Equal(SweepPhase.Rejected, rejected.Phase);
        Assert.Equal(["the sweep has no seeds.", "bad eps."], rejected.Faults);
        Assert.Equal((0, 0, 0, 0), (rejected.Total, rejected.Completed, rejected.Failed, rejected.Running));
        Assert.Null(rejected.ResultsDirectory);
        Assert.Null(rejected.Coordinator);
        Assert.True(rejected.IsFinished);
    }
}
