using System.Diagnostics;
using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;
using RobustGrid.Results;

namespace RobustGrid.Cluster.Tests.Soak;

/// <summary>The files a sweep would write if nothing ever failed: every run trained once, in this process, through the sweep's own file writer.</summary>
internal static class FaultFreeReference
{
    /// <summary>Writes the reference files of <paramref name="runs"/> (all on the embedded digits' 0 vs 1) into <paramref name="directory"/>; returns the wall time.</summary>
    public static async Task<TimeSpan> WriteAsync(string directory, string sweepId, IReadOnlyList<RunSpec> runs, int threads)
    {
        var clock = Stopwatch.StartNew();
        Dataset dataset = DatasetLoader.LoadEmbedded();
        BinaryTask task = BinaryTask.Create(dataset, 0, 1);
        var samples = new TaskCache();
        // In run-key order, as the writer wants them; unbuffered: records stream to it as they are trained, never all held at once.
        IEnumerable<RunRecord> records = runs.OrderBy(r => r.Key, StringComparer.Ordinal).AsParallel().AsOrdered().WithDegreeOfParallelism(threads)
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(spec => RunRecords.Completed(spec, RunExecutor.Execute(task, spec.ToPoint()), "reference"));
        await SweepResultsWriter.WriteOrderedAsync(directory, sweepId, records, runs.Count, (run, i) => samples.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
        return clock.Elapsed;
    }
}
