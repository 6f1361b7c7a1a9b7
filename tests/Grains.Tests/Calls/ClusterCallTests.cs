using RobustGrid.Grains.Contracts.Calls;

namespace RobustGrid.Grains.Tests.Calls;

[Trait("Category", "Unit")]
public sealed class ClusterCallTests
{
    private static readonly TimeSpan _fast = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Every_kind_of_failure_is_retried_until_the_call_answers_Orleans_own_cancellations_included()
    {
        // What a call can end with while a silo dies or rejoins: Orleans cancels a directory registration (the chaos
        // soak's flake), a connection drops, an attempt gets no answer in time.
        var call = new ScriptedCall<int>(42, new OperationCanceledException(), new TaskCanceledException(), new InvalidOperationException("silo unavailable"), null);
        var seen = new List<Exception>();

        int answer = await ClusterCall.UntilAnsweredAsync(call.Next, TimeSpan.FromMinutes(1), CancellationToken.None, seen.Add,
            attemptTimeout: TimeSpan.FromMilliseconds(50), retryDelay: _fast);

        Assert.Equal(42, answer);
        Assert.Equal(5, call.Calls);
        Assert.Collection(seen,
            e => Assert.IsType<OperationCanceledException>(e),
            e => Assert.IsType<TaskCanceledException>(e),
            e => Assert.IsType<InvalidOperationException>(e),
            e => Assert.IsType<TimeoutException>(e)); // the attempt that never answered
    }

    [Fact]
    public async Task The_callers_own_cancellation_ends_the_wait_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var call = new ScriptedCall<int>(1, new OperationCanceledException(), new OperationCanceledException());
        call.OnCall = cancel.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClusterCall.UntilAnsweredAsync(call.Next, TimeSpan.FromMinutes(1), cancel.Token, retryDelay: _fast));
        Assert.Equal(1, call.Calls);
    }

    [Fact]
    public async Task A_cluster_that_never_answers_ends_in_a_timeout_naming_the_last_failure()
    {
        var call = new ScriptedCall<int>(1, [.. Enumerable.Repeat<Exception?>(new InvalidOperationException("no silo"), 1000)]);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => ClusterCall.UntilAnsweredAsync(call.Next, TimeSpan.FromMilliseconds(100), CancellationToken.None, retryDelay: TimeSpan.FromMilliseconds(10)));

        Assert.Contains("no silo", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.InRange(call.Calls, 2, 999);
    }

    [Fact]
    public async Task Until_polls_through_failures_until_the_condition_holds()
    {
        int polls = 0;
        Task<int> Poll() => ++polls % 2 == 0 ? Task.FromException<int>(new OperationCanceledException()) : Task.FromResult(polls);

        int answer = await ClusterCall.UntilAsync(Poll, n => n >= 7, TimeSpan.FromMinutes(1), _fast);

        Assert.Equal(7, answer);
    }

    [Fact]
    public async Task Until_ends_in_a_timeout_naming_the_last_answer()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => ClusterCall.UntilAsync(() => Task.FromResult("phase Running, 3/10"), _ => false, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10)));

        Assert.Contains("phase Running, 3/10", e.Message);
    }

    /// <summary>Each call takes the next scripted outcome (an exception, or null for a call that never answers), then answers <c>answer</c>.</summary>
    private sealed class ScriptedCall<T>(T answer, params Exception?[] outcomes)
    {
        private readonly Queue<Exception?> _outcomes = new(outcomes);

        public int Calls { get; private set; }

        public Action? OnCall { get; set; }

        public Task<T> Next()
        {
            Calls++;
            OnCall?.Invoke();
            if (!_outcomes.TryDequeue(out Exception? outcome))
            {
                return Task.FromResult(answer);
            }
            return outcome is null ? new TaskCompletionSource<T>().Task : Task.FromException<T>(outcome);
        }
    }
}
