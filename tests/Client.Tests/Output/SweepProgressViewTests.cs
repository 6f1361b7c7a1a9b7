using RobustGrid.Client.Output;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Client.Tests.Output;

[Trait("Category", "Unit")]
public sealed class SweepProgressViewTests
{
    private static readonly SweepProgress _running = new("s", SweepPhase.Running, 10, 4, 0, 2, [], null, null, null);

    [Fact]
    public async Task A_poll_that_fails_or_is_cancelled_by_the_cluster_is_retried_until_the_sweep_answers()
    {
        // A call in flight when the coordinator's silo or the gateway dies can end cancelled, not only failed: the
        // CLI that follows the sweep must keep polling, not exit with "the operation was canceled".
        var grain = new ScriptedSweep(new TaskCanceledException(), new OperationCanceledException(), new TimeoutException("no answer"));

        SweepProgress progress = await SweepProgressView.PollAsync(grain, CancellationToken.None);

        Assert.Same(_running, progress);
        Assert.Equal(4, grain.Calls);
    }

    [Fact]
    public async Task The_callers_own_cancellation_ends_the_poll()
    {
        using var cancel = new CancellationTokenSource();
        var grain = new ScriptedSweep(new TimeoutException("no answer"), new TimeoutException("no answer"));
        grain.OnCall = cancel.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SweepProgressView.PollAsync(grain, cancel.Token));
        Assert.Equal(1, grain.Calls);
    }

    /// <summary>Throws each scripted failure in turn, then answers <see cref="_running"/>.</summary>
    private sealed class ScriptedSweep(params Exception[] failures) : ISweepGrain
    {
        private readonly Queue<Exception> _failures = new(failures);

        public int Calls { get; private set; }

        public Action? OnCall { get; set; }

        public Task<SweepProgress> GetProgressAsync()
        {
            Calls++;
            OnCall?.Invoke();
            return _failures.TryDequeue(out Exception? e) ? Task.FromException<SweepProgress>(e) : Task.FromResult(_running);
        }

        public Task<SweepProgress> StartAsync(SweepSpec spec) => throw new NotSupportedException();

        public Task RunFinishedAsync(string runKey, RunStatus status, string? error) => throw new NotSupportedException();
    }
}
