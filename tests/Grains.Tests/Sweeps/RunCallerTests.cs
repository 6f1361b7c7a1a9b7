using Microsoft.Extensions.Logging;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class RunCallerTests
{
    private static readonly RunSpec _run = RegularSweep.Runs(1)[0];

    private readonly List<(string Key, RunStatus Status, string? Error)> _ended = [];
    private readonly RecordingLogger _log = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_that_answers_completed_has_ended(bool starting)
    {
        await Caller(_ => Task.FromResult(RunStatus.Completed)).AskAsync(_run, starting);
        Assert.Equal([(_run.Key, RunStatus.Completed, (string?)null)], _ended);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_that_answers_running_is_still_in_flight(bool starting)
    {
        await Caller(_ => Task.FromResult(RunStatus.Running)).AskAsync(_run, starting);
        Assert.Empty(_ended);
    }

    [Fact]
    public async Task A_start_the_run_grain_refuses_is_a_failed_attempt_with_its_reason()
    {
        await Caller(_ => throw new ArgumentException("the spec's key is not the grain's")).AskAsync(_run, starting: true);

        Assert.Equal([(_run.Key, RunStatus.Failed, (string?)"could not start the run: the spec's key is not the grain's")], _ended);
        Assert.Equal(LogLevel.Warning, Assert.Single(_log.Entries).Level);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_the_cluster_fails_leaves_the_run_in_flight(bool starting)
    {
        await Caller(_ => Task.FromException<RunStatus>(new TimeoutException("the silo died"))).AskAsync(_run, starting);

        Assert.Empty(_ended);
        Assert.Equal(LogLevel.Debug, Assert.Single(_log.Entries).Level);
    }

    [Fact]
    public async Task A_run_in_flight_asked_again_is_not_failed_even_by_a_refusal()
    {
        await Caller(_ => throw new ArgumentException("refused")).AskAsync(_run, starting: false);
        Assert.Empty(_ended);
    }

    [Fact]
    public async Task An_error_in_the_coordinators_bookkeeping_is_not_a_failed_start()
    {
        var caller = new RunCaller(_ => Task.FromResult(RunStatus.Completed), (key, status, error) =>
        {
            _ended.Add((key, status, error));
            throw new ArgumentException("the ledger's own bug");
        }, _log);

        await Assert.ThrowsAsync<ArgumentException>(() => caller.AskAsync(_run, starting: true));
        Assert.Equal([(_run.Key, RunStatus.Completed, (string?)null)], _ended);
    }

    private RunCaller Caller(Func<RunSpec, Task<RunStatus>> call) => new(call, (key, status, error) => _ended.Add((key, status, error)), _log);
}
