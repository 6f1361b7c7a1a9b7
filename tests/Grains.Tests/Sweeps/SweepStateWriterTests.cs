using Microsoft.Extensions.Logging;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepStateWriterTests
{
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task Concurrent_saves_write_one_at_a_time_each_filled_just_before_its_write()
    {
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        int writing = 0, mostAtOnce = 0, writes = 0, fills = 0;
        var filledBeforeWrite = new List<int>();
        async Task Write()
        {
            int now = Interlocked.Increment(ref writing);
            mostAtOnce = Math.Max(mostAtOnce, now);
            filledBeforeWrite.Add(fills);
            await gates[writes].Task;
            writes++;
            Interlocked.Decrement(ref writing);
        }
        var writer = new SweepStateWriter(Write, () => fills++, _log, "s1", TimeSpan.Zero);

        Task[] saves = [.. Enumerable.Range(0, gates.Length).Select(_ => writer.SaveAsync())];
        Assert.Equal(1, fills); // the others wait for the first write before they fill
        foreach (var gate in gates)
        {
            gate.SetResult();
        }
        await Task.WhenAll(saves);

        Assert.Equal((1, 5, 5), (mostAtOnce, writes, fills));
        Assert.Equal([1, 2, 3, 4, 5], filledBeforeWrite);
    }

    [Fact]
    public async Task A_write_that_throws_leaves_the_state_dirty_and_the_next_that_succeeds_cleans_it()
    {
        bool fail = true;
        var writer = new SweepStateWriter(() => fail ? throw new TimeoutException("storage unreachable") : Task.CompletedTask, () => { }, _log, "s1", TimeSpan.Zero);
        Assert.False(writer.IsDirty);
        writer.MarkDirty();

        await Assert.ThrowsAsync<TimeoutException>(writer.SaveAsync);
        Assert.True(writer.IsDirty);

        fail = false;
        await writer.SaveAsync();
        Assert.False(writer.IsDirty);
    }

    [Fact]
    public async Task A_save_that_fails_does_not_block_the_next()
    {
        int calls = 0;
        var writer = new SweepStateWriter(() => ++calls == 1 ? Task.FromException(new IOException("disk")) : Task.CompletedTask, () => { }, _log, "s1", TimeSpan.Zero);
        await Assert.ThrowsAsync<IOException>(writer.SaveAsync);
        Task second = writer.SaveAsync();
        Assert.True(second.IsCompletedSuccessfully, "the first save's failure must release the write lock");
        await second;
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Retries_stop_after_the_attempts_asked_for_never_throw_and_log_each_failure()
    {
        int calls = 0;
        var writer = new SweepStateWriter(() => { calls++; throw new TimeoutException("LOADING"); }, () => { }, _log, "s1", TimeSpan.FromMilliseconds(1));
        writer.MarkDirty();

        await writer.TrySaveAsync(attempts: 3);

        Assert.Equal(3, calls);
        Assert.True(writer.IsDirty);
        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Error], _log.Entries.Select(e => e.Level));
        Assert.Equal("Saving sweep s1 failed (attempt 2); retrying", _log.Entries[1].Message);
        Assert.Equal("Saving sweep s1 failed; its progress is kept in memory", _log.Entries[2].Message);
        Assert.All(_log.Entries, e => Assert.IsType<TimeoutException>(e.Exception));
    }

    [Fact]
    public async Task A_single_attempt_is_not_retried()
    {
        int calls = 0;
        var writer = new SweepStateWriter(() => { calls++; throw new TimeoutException(); }, () => { }, _log, "s1", TimeSpan.Zero);
        await writer.TrySaveAsync(attempts: 1);
        Assert.Equal(1, calls);
        Assert.Equal(LogLevel.Error, Assert.Single(_log.Entries).Level);
    }

    [Fact]
    public async Task A_write_that_succeeds_after_failures_returns_clean()
    {
        int calls = 0;
        var writer = new SweepStateWriter(() => ++calls < 3 ? throw new TimeoutException() : Task.CompletedTask, () => { }, _log, "s1", TimeSpan.FromMilliseconds(1));
        writer.MarkDirty();

        await writer.TrySaveAsync(attempts: 10);

        Assert.Equal(3, calls);
        Assert.False(writer.IsDirty);
        Assert.Equal([LogLevel.Warning, LogLevel.Warning], _log.Entries.Select(e => e.Level));
    }

    [Fact]
    public async Task Retries_wait_the_delay_between_attempts()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var times = new List<long>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var writer = new SweepStateWriter(() => { times.Add(clock.ElapsedMilliseconds); throw new TimeoutException(); }, () => { }, _log, "s1", delay);
        await writer.TrySaveAsync(attempts: 3);
        Assert.Equal(3, times.Count);
        Assert.All(times.Zip(times.Skip(1)), t => Assert.True(t.Second - t.First >= 45, $"attempts {t.First} ms and {t.Second} ms are closer than the delay"));
    }

    [Fact]
    public async Task Attempts_below_one_are_a_caller_error()
    {
        var writer = new SweepStateWriter(() => Task.CompletedTask, () => { }, _log, "s1");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => writer.TrySaveAsync(attempts: 0));
    }
}
