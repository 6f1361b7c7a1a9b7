using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Results.Tests.Committed;

/// <summary>
/// Run records made the way a silo makes them (RunExecutor, then RunRecords.Completed) on the embedded dataset:
/// regular and robust, linf and l2, clip off (shuffled, pair 0/1) and on (ordered, pair 1/2), one epoch each; and a
/// failed run. Made once for every test.
/// </summary>
internal static class RealRuns
{
    private static readonly TaskCache _tasks = new();
    private static readonly Lazy<IReadOnlyList<RunRecord>> _records = new(Make);

    public static IReadOnlyList<RunRecord> Records => _records.Value;

    /// <summary>The sample a misclassified row names, as the coordinator writes it.</summary>
    public static TestSample Sample(RunSpec run, int testIndex) => _tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, testIndex);

    /// <summary>A dataset sample's index in the run's task's test split, from Core's task (what the Grains TaskCache knows).</summary>
    public static int TestIndexOf(RunSpec run, int sampleIndex) =>
        Array.IndexOf(_tasks.BinaryTaskFor(run.Dataset, run.NegativeClass, run.PositiveClass).Test.SourceIndices, sampleIndex) is int i and >= 0
            ? i
            : throw new InvalidOperationException($"sample {sampleIndex} is not in the test split of {run.NegativeClass}/{run.PositiveClass}");

    private static IReadOnlyList<RunRecord> Make()
    {
        Dataset dataset = DatasetLoader.LoadEmbedded();
        var unclipped = new SweepSpec
        {
            Pairs = [[0, 1]], Modes = [TrainingMode.Regular, TrainingMode.Robust], Norms = [ThreatNorm.Linf, ThreatNorm.L2],
            Eps = [0.1], Seeds = [1], Epochs = 1, AttackPoints = 11, ClosestCount = 3, Shuffle = true,
        };
        var clipped = unclipped with { Pairs = [[1, 2]], Seeds = [2], Shuffle = false, Clip = true };
        var records = new List<RunRecord>();
        foreach (SweepSpec spec in new[] { unclipped, clipped })
        {
            foreach (RunSpec run in SweepPlanner.Create(spec, _ => dataset, 1000).Runs)
            {
                RunResult result = RunExecutor.Execute(_tasks.BinaryTaskFor(run.Dataset, run.NegativeClass, run.PositiveClass), run.ToPoint());
                records.Add(RunRecords.Completed(run, result, "test-silo"));
            }
        }
        RunSpec failed = SweepPlanner.Create(unclipped with { Seeds = [9] }, _ => dataset, 1000).Runs[^1];
        records.Add(RunRecords.Failed(failed, failed.Key, "boom", 3, "test-silo"));
        return records;
    }
}
