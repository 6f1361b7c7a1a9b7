using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RobustGrid.Core.Diagnostics;

/// <summary>
/// The ActivitySource and Meter named "RobustGrid". Spans nest sweep, run, then train and evaluate. Without a
/// listener they cost nothing, so Core can trace without doing any I/O itself.
/// </summary>
public static class RobustGridTelemetry
{
    public const string Name = "RobustGrid";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> RunsStarted { get; } = Meter.CreateCounter<long>("robustgrid.runs.started", "{run}", "Runs whose training started.");

    public static Counter<long> RunsCompleted { get; } = Meter.CreateCounter<long>("robustgrid.runs.completed", "{run}", "Runs that completed.");

    public static Counter<long> RunsFailed { get; } = Meter.CreateCounter<long>("robustgrid.runs.failed", "{run}", "Run attempts that failed.");

    public static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("robustgrid.run.duration", "s", "Wall time of one run: training and evaluation.");

    public static Histogram<double> TrainingThroughput { get; } = Meter.CreateHistogram<double>("robustgrid.training.samples_per_second", "{sample}/s", "Training samples processed per second (samples x epochs / training time).");
}
