using System.Diagnostics;

namespace RobustGrid.Grains.Contracts.Calls;

/// <summary>
/// A grain call that is retried until the cluster answers: the one way the CLI, the benchmarks and the tests ask a
/// cluster that may be losing or regaining a silo.
/// </summary>
/// <remarks>
/// While a silo dies or rejoins, a call can fail in many ways: a timeout, a dropped connection, a silo that is
/// unavailable, or an <see cref="OperationCanceledException"/> of Orleans' own (it cancels a grain directory
/// lookup or registration when the directory changes hands). None of these says the answer will not come on the next
/// try, so every failure is retried; only the caller's own token, or a cluster that stays unreachable for
/// <c>giveUpAfter</c>, ends the wait.
/// </remarks>
public static class ClusterCall
{
    /// <summary>How long one attempt may take before it counts as failed and is made again.</summary>
    public static TimeSpan AttemptTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause between a failed attempt and the next.</summary>
    public static TimeSpan RetryDelay { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Calls <paramref name="call"/> until it answers. Each failure is passed to <paramref name="onRetry"/> and retried
    /// after <see cref="RetryDelay"/>; after <paramref name="giveUpAfter"/> of failures a <see cref="TimeoutException"/>
    /// carries the last one. Cancelling <paramref name="cancellationToken"/> ends the wait with an
    /// <see cref="OperationCanceledException"/>, whatever the call was doing.
    /// </summary>
    public static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call, TimeSpan giveUpAfter, CancellationToken cancellationToken,
        Action<Exception>? onRetry = null, TimeSpan? attemptTimeout = null, TimeSpan? retryDelay = null)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await call().WaitAsync(attemptTimeout ?? AttemptTimeout, cancellationToken);
            }
            catch (Exception e)
            {
                // The caller's own cancellation ends the wait, whatever the call threw; Orleans' cancellations do not.
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan failingFor = Stopwatch.GetElapsedTime(started);
                if (failingFor >= giveUpAfter)
                {
                    throw new TimeoutException($"no answer from the cluster for {Describe(failingFor)} ({e.GetType().Name}: {e.Message})", e);
                }
                onRetry?.Invoke(e);
            }
            await Task.Delay(retryDelay ?? RetryDelay, cancellationToken);
        }
    }

    /// <summary>
    /// Asks <paramref name="poll"/> (through <see cref="UntilAnsweredAsync"/>) until its answer satisfies
    /// <paramref name="until"/>, pausing <paramref name="interval"/> between answers; a <see cref="TimeoutException"/>
    /// naming the last answer after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> poll, Func<T, bool> until, TimeSpan timeout, TimeSpan interval,
        Action<Exception>? onRetry = null, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        T? last = default;
        TimeoutException NotThere(Exception? inner) => new($"not there within {Describe(timeout)}; last answer: {(last is null ? "none" : last)}", inner);
        while (true)
        {
            TimeSpan left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw NotThere(null);
            }
            try
            {
                last = await UntilAnsweredAsync(poll, left, cancellationToken, onRetry, attemptTimeout: Min(AttemptTimeout, left));
            }
            catch (TimeoutException e)
            {
                throw NotThere(e);
            }
            if (until(last))
            {
                return last;
            }
            await Task.Delay(interval, cancellationToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Describe(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";
}
