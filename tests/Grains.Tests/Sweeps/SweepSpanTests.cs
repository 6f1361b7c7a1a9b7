using System.Diagnostics;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>The sweep span as the exporters and dashboards see it (the names are what tests/Cluster.Tests/Telemetry decodes).</summary>
[Trait("Category", "Unit")]
public sealed class SweepSpanTests : IDisposable
{
    private readonly string _sweepId = "span-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public SweepSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RobustGridTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("robustgrid.sweep.id") == _sweepId)
                {
                    lock (_stopped)
                    {
                        _stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void A_finished_sweep_has_one_span_with_its_id_runs_silo_and_files_tail()
    {
        SweepSpan span = SweepSpan.Start(_sweepId, 40, "S127.0.0.1:11111:1");
        Assert.NotNull(span.Id);
        span.FilesWritten(1234);
        span.Stop();

        Activity stopped = Assert.Single(_stopped);
        Assert.Equal("sweep", stopped.OperationName);
        Assert.Equal(span.Id, stopped.Id);
        Assert.Equal(_sweepId, stopped.GetTagItem("robustgrid.sweep.id"));
        Assert.Equal(40, stopped.GetTagItem("robustgrid.sweep.runs"));
        Assert.Equal("S127.0.0.1:11111:1", stopped.GetTagItem("robustgrid.silo"));
        Assert.Equal(1234L, stopped.GetTagItem("robustgrid.sweep.files_tail_ms"));
        Assert.Equal(ActivityStatusCode.Unset, stopped.Status);
    }

    [Fact]
    public void The_span_joins_the_callers_trace_without_becoming_the_current_activity()
    {
        using var call = new Activity("client call").Start();
        SweepSpan span = SweepSpan.Start(_sweepId, 2, "silo");
        Assert.Same(call, Activity.Current);
        span.Stop();

        Activity stopped = Assert.Single(_stopped);
        Assert.Equal(call.TraceId, stopped.TraceId);
        Assert.Equal(call.SpanId, stopped.ParentSpanId);
    }

    [Fact]
    public void Without_a_caller_the_current_activity_stays_empty()
    {
        Activity.Current = null;
        SweepSpan span = SweepSpan.Start(_sweepId, 2, "silo");
        Assert.Null(Activity.Current);
        span.Stop();
        Assert.Single(_stopped);
    }

    [Fact]
    public void A_failed_sweep_ends_its_span_with_an_error_status_and_the_message()
    {
        SweepSpan span = SweepSpan.Start(_sweepId, 3, "silo");
        span.Failed("disk full");
        span.Stop();

        Activity stopped = Assert.Single(_stopped);
        Assert.Equal((ActivityStatusCode.Error, "disk full"), (stopped.Status, stopped.StatusDescription));
        Assert.Null(stopped.GetTagItem("robustgrid.sweep.files_tail_ms"));
    }

    [Fact]
    public void Without_a_listener_there_is_no_span_and_nothing_throws()
    {
        _listener.Dispose();
        Assert.False(RobustGridTelemetry.Source.HasListeners(), "something else in this process listens to the RobustGrid source");
        SweepSpan span = SweepSpan.Start(_sweepId, 3, "silo");
        Assert.Null(span.Id);
        span.FilesWritten(1);
        span.Failed("no one listens");
        span.Stop();
        Assert.Empty(_stopped);
    }
}
