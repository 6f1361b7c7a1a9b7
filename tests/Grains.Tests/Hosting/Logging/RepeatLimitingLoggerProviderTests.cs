using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RobustGrid.Hosting.Logging;

namespace RobustGrid.Grains.Tests.Hosting.Logging;

[Trait("Category", "Unit")]
public sealed class RepeatLimitingLoggerProviderTests
{
    private static readonly TimeSpan _interval = TimeSpan.FromSeconds(10);
    private readonly FakeClock _clock = new();
    private readonly RecordingLoggerProvider _inner = new();
    private readonly RepeatLimitingLoggerProvider _provider;
    private readonly ILogger _storage;

    public RepeatLimitingLoggerProviderTests()
    {
        _provider = new RepeatLimitingLoggerProvider(_inner, _interval, _clock);
        _storage = _provider.CreateLogger("Storage");
    }

    [Fact]
    public void The_first_error_is_printed_in_full_and_its_repeats_as_one_line_with_their_count_when_the_interval_ends()
    {
        var first = new InvalidOperationException("Redis is gone");
        _storage.LogError(new EventId(7), first, "Failed to write {Grain}", "run/1");
        for (int i = 2; i <= 413; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(20));
            _storage.LogError(new EventId(7), new InvalidOperationException("Redis is gone"), "Failed to write {Grain}", $"run/{i}");
        }
        Assert.Single(_inner.Entries);

        _clock.Advance(_interval);

        Assert.Equal(2, _inner.Entries.Count);
        Assert.Same(first, _inner.Entries[0].Exception);
        Assert.Equal("Failed to write run/1", _inner.Entries[0].Message);
        var summary = _inner.Entries[1];
        Assert.Equal(("Storage", LogLevel.Error, 7, (Exception?)null), (summary.Category, summary.Level, summary.EventId, summary.Exception));
        Assert.Equal("Failed to write run/413 (repeated 412 times in the last 10 s, with InvalidOperationException)", summary.Message);
    }

    [Fact]
    public void A_cause_that_keeps_recurring_gives_one_summary_per_interval_and_never_its_stack_trace_again()
    {
        for (int second = 0; second < 30; second++)
        {
            _storage.LogWarning(new EventId(3), new TimeoutException(), "Membership update failed after {Ms} ms", second);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        _clock.Advance(_interval);

        Assert.Equal(
            [
                "Membership update failed after 0 ms",
                "Membership update failed after 9 ms (repeated 9 times in the last 10 s, with TimeoutException)",
                "Membership update failed after 19 ms (repeated 10 times in the last 10 s, with TimeoutException)",
                "Membership update failed after 29 ms (repeated 10 times in the last 10 s, with TimeoutException)",
            ],
            _inner.Entries.Select(e => e.Message));
        Assert.Single(_inner.Entries, e => e.Exception is not null);
    }

    [Fact]
    public void A_repeat_after_the_interval_brings_the_summary_before_the_timer_does()
    {
        var counter = new RepeatCounter(_interval);
        var cause = new LogCause("Storage", 7, null, "Failed to write {Grain}");
        DateTimeOffset start = _clock.GetUtcNow();
        ILogger sink = _inner.CreateLogger("Storage");

        Assert.True(counter.Admit(cause, start, () => "Failed to write run/1", sink, LogLevel.Error, 7, out var due));
        Assert.Null(due);
        Assert.False(counter.Admit(cause, start.AddSeconds(4), () => "Failed to write run/2", sink, LogLevel.Error, 7, out due));
        Assert.Null(due);
        Assert.False(counter.Admit(cause, start.AddSeconds(12), () => "Failed to write run/3", sink, LogLevel.Error, 7, out due));

        Assert.Equal("Failed to write run/2 (repeated once in the last 12 s)", due!.Line);
        // run/3 opened the next interval: it is summarised at its end, not printed now.
        Assert.Equal(["Failed to write run/3 (repeated once in the last 10 s)"], counter.Flush(start.AddSeconds(22)).Select(s => s.Line));
    }

    [Fact]
    public void Different_categories_event_ids_exception_types_and_templates_are_different_causes()
    {
        ILogger membership = _provider.CreateLogger("Membership");
        for (int round = 0; round < 3; round++)
        {
            _storage.LogError(new EventId(7), new InvalidOperationException(), "Failed to write {Grain}", "run/1");
            membership.LogError(new EventId(7), new InvalidOperationException(), "Failed to write {Grain}", "run/1");
            _storage.LogError(new EventId(8), new InvalidOperationException(), "Failed to write {Grain}", "run/1");
            _storage.LogError(new EventId(7), new TimeoutException(), "Failed to write {Grain}", "run/1");
            _storage.LogError(new EventId(7), new InvalidOperationException(), "Failed to read {Grain}", "run/1");
        }

        Assert.Equal(5, _inner.Entries.Count);
        _clock.Advance(_interval);
        Assert.Equal(10, _inner.Entries.Count);
        Assert.All(_inner.Entries.Skip(5), e => Assert.Contains("(repeated 2 times in the last 10 s", e.Message));
    }

    [Fact]
    public void Information_and_debug_lines_pass_untouched_however_often_they_repeat()
    {
        for (int i = 0; i < 50; i++)
        {
            _storage.LogInformation(new EventId(1), "Run {Run} done", i);
            _storage.LogDebug(new EventId(1), "Run {Run} done", i);
        }
        _clock.Advance(_interval * 3);

        Assert.Equal(100, _inner.Entries.Count);
        Assert.DoesNotContain(_inner.Entries, e => e.Message.Contains("repeated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cause_quiet_for_a_whole_interval_is_printed_in_full_again()
    {
        _storage.LogError(new EventId(7), new InvalidOperationException(), "Failed to write {Grain}", "run/1");
        _clock.Advance(_interval * 2);
        _storage.LogError(new EventId(7), new InvalidOperationException(), "Failed to write {Grain}", "run/2");

        Assert.Equal(["Failed to write run/1", "Failed to write run/2"], _inner.Entries.Select(e => e.Message));
        Assert.All(_inner.Entries, e => Assert.NotNull(e.Exception));
    }

    [Fact]
    public void Disposing_prints_the_counts_of_intervals_still_open_and_disposes_the_inner_provider()
    {
        _storage.LogCritical(new EventId(9), "Silo {Silo} is dead", "S1");
        _clock.Advance(TimeSpan.FromSeconds(3));
        _storage.LogCritical(new EventId(9), "Silo {Silo} is dead", "S2");

        _provider.Dispose();

        Assert.Equal(["Silo S1 is dead", "Silo S2 is dead (repeated once in the last 3 s)"], _inner.Entries.Select(e => e.Message));
        Assert.True(_inner.Disposed);
    }

    [Fact]
    public void LimitRepeatedErrors_puts_the_console_logger_behind_the_limiter_and_refuses_without_one()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().LimitRepeatedErrors());
        using ServiceProvider built = services.BuildServiceProvider();

        ILoggerProvider provider = Assert.Single(built.GetServices<ILoggerProvider>());
        Assert.IsType<RepeatLimitingLoggerProvider>(provider);
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(ConsoleLoggerProvider));

        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLogging(logging => logging.LimitRepeatedErrors()));
    }
}
