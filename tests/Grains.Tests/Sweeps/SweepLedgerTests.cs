using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepLedgerTests
{
    private static readonly IReadOnlyList<RunSpec> _runs = RegularSweep.Runs(5);

    [Fact]
    public void Never_runs_more_than_the_concurrency_bound()
    {
        var ledger = new SweepLedger(_runs, concurrency: 2, retries: 0);
        IReadOnlyList<RunSpec> first = ledger.TakeStartable();
        Assert.Equal(2, first.Count);
        Assert.Empty(ledger.TakeStartable());
        Assert.True(ledger.Finish(first[0].Key, RunStatus.Completed, null));
        Assert.Single(ledger.TakeStartable());
        Assert.Equal((5, 1, 0, 2), (ledger.Total, ledger.Completed, ledger.Failed, ledger.Running));
    }

    [Fact]
    public void Runs_start_in_run_key_order_the_order_of_the_results_files()
    {
        var ledger = new SweepLedger(_runs, concurrency: 10, retries: 0);
        Assert.Equal(_runs.Select(r => r.Key).Order(StringComparer.Ordinal), ledger.TakeStartable().Select(r => r.Key));
        Assert.NotEqual(_runs.Select(r => r.Key).Order(StringComparer.Ordinal), _runs.Select(r => r.Key));
    }

    [Fact]
    public void A_failed_run_is_retried_then_recorded_failed_with_its_error()
    {
        var ledger = new SweepLedger(_runs.Take(1).ToList(), concurrency: 1, retries: 2);
        string key = _runs[0].Key;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(key, Assert.Single(ledger.TakeStartable()).Key);
            Assert.True(ledger.Finish(key, RunStatus.Failed, $"boom {attempt}"));
        }
        Assert.Empty(ledger.TakeStartable());
        Assert.True(ledger.IsDone);
        var entry = Assert.Single(ledger.Entries);
        Assert.Equal((RunStatus.Failed, 3, "boom 3"), (entry.Status, entry.Attempts, entry.Error));
        Assert.Equal(1, ledger.Failed);
    }

    [Fact]
    public void A_retry_that_succeeds_counts_as_completed()
    {
        var ledger = new SweepLedger(_runs.Take(1).ToList(), concurrency: 1, retries: 1);
        string key = Assert.Single(ledger.TakeStartable()).Key;
        ledger.Finish(key, RunStatus.Failed, "transient");
        Assert.Single(ledger.TakeStartable());
        ledger.Finish(key, RunStatus.Completed, null);
        Assert.True(ledger.IsDone);
        Assert.Equal((1, 0), (ledger.Completed, ledger.Failed));
        Assert.Equal(2, ledger.Entries.Single().Attempts);
    }

    [Fact]
    public void Late_repeated_and_unknown_reports_are_ignored()
    {
        var ledger = new SweepLedger(_runs, concurrency: 5, retries: 0);
        string key = ledger.TakeStartable()[0].Key;
        Assert.True(ledger.Finish(key, RunStatus.Completed, null));
        Assert.False(ledger.Finish(key, RunStatus.Completed, null));
        Assert.False(ledger.Finish(key, RunStatus.Failed, "late"));
        Assert.False(ledger.Finish("rk1-unknown", RunStatus.Completed, null));
        Assert.Equal((1, 0, 4), (ledger.Completed, ledger.Failed, ledger.Running));
    }

    [Fact]
    public void A_resumed_ledger_counts_persisted_outcomes_and_written_runs_and_starts_only_the_rest()
    {
        var first = new SweepLedger(_runs, concurrency: 3, retries: 1);
        IReadOnlyList<RunSpec> started = first.TakeStartable();
        first.Finish(started[0].Key, RunStatus.Completed, null);
        first.Finish(started[1].Key, RunStatus.Failed, "boom");
        IReadOnlyList<RunSpec> next = first.TakeStartable();
        Assert.Equal(started[1].Key, next[0].Key); // a retry goes first
        first.Finish(started[1].Key, RunStatus.Failed, "boom again");
        Assert.Equal(new[] { started[2].Key, next[1].Key }.Order(), first.InFlight.Select(r => r.Key).Order());

        // The coordinator's silo dies here; a new activation resumes from what was persisted: the runs that did not
        // complete at their first attempt, and how many runs in key order had ended (started[0], the first key).
        Dictionary<string, RunOutcome> persisted = first.Outcomes();
        Assert.Equal([started[1].Key], persisted.Keys);
        var resumed = new SweepLedger(_runs, concurrency: _runs.Count, retries: 0, persisted, written: 1);

        Assert.Equal((1, 1), (resumed.Completed, resumed.Failed));
        string[] restarted = [.. resumed.TakeStartable().Select(r => r.Key)];
        Assert.Equal(_runs.Count - 2, restarted.Length);
        Assert.DoesNotContain(started[0].Key, restarted);
        Assert.DoesNotContain(started[1].Key, restarted);
        Assert.Contains(started[2].Key, restarted);   // in flight when the silo died: asked again
        Assert.Equal(("boom again", 2), (resumed.Outcomes()[started[1].Key].Error, resumed.Outcomes()[started[1].Key].Attempts));

        // Without the written count, a run that completed first time is asked again (and answers from its stored result).
        var unwritten = new SweepLedger(_runs, concurrency: _runs.Count, retries: 0, persisted);
        Assert.Equal((0, 1), (unwritten.Completed, unwritten.Failed));
        Assert.Contains(started[0].Key, unwritten.TakeStartable().Select(r => r.Key));
    }

    [Fact]
    public void What_a_coordinator_persists_stays_small_while_thousands_of_runs_finish()
    {
        IReadOnlyList<RunSpec> runs = SweepPlanner.Create(new SweepSpec { Seeds = [.. Enumerable.Range(1, 1000).Select(i => (long)i)] }, _ => DatasetLoader.LoadEmbedded(), 10_000).Runs;
        var ledger = new SweepLedger(runs, concurrency: 8, retries: 1);
        int finished = 0, largest = 0;
        for (IReadOnlyList<RunSpec> started = ledger.TakeStartable(); started.Count > 0; started = ledger.TakeStartable())
        {
            foreach (RunSpec run in started)
            {
                // One run in 500 fails once (then completes on its retry), one in 1,000 of the others fails for good.
                bool fails = ++finished % 500 == 0 || (finished % 1000 == 1 && ledger.Lookup(run.Key).Attempts == 0);
                ledger.Finish(run.Key, fails ? RunStatus.Failed : RunStatus.Completed, fails ? "boom" : null);
            }
            largest = Math.Max(largest, ledger.Outcomes().Count);
        }
        Assert.True(ledger.IsDone);
        Assert.Equal(4000, ledger.Completed + ledger.Failed);
        // Only runs that failed or needed a retry are persisted: a few dozen of 4,000, never one per finished run.
        Assert.InRange(largest, 1, 20);
        Assert.Equal(ledger.Outcomes().Count, largest);
    }

    [Fact]
    public void Bad_bounds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SweepLedger(_runs, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SweepLedger(_runs, 1, -1));
    }
}
