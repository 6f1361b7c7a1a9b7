using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

using RobustGrid.Results;

namespace RobustGrid.TestUtilities;

/// <summary>
/// Hand-made run records with numbers worked out by hand (results tests, the sweeps page's tests): completed runs on a
/// three-point attack grid, and a failed run ("boom").
/// </summary>
public static class SampleRuns
{
    public static RunSpec Spec(TrainingMode mode, double eps, long seed) => new(
        DatasetRef.Embedded, "mnist-embedded", new string('a', 64), 0, 1, mode, ThreatNorm.Linf, eps, seed,
        10, 100, mode == TrainingMode.Regular ? 0.1f : 1e-4f, mode == TrainingMode.Regular ? LossReduction.Mean : LossReduction.Sum,
        false, 0, 0.2, 3, false, 2);

    public static RunRecord Completed(TrainingMode mode, double eps, long seed, double[] accuracy, double? eps50)
    {
        RunSpec spec = Spec(mode, eps, seed);
        return new RunRecord(spec.Key, spec, RunStatus.Completed, null, 1, "S127.0.0.1:11111:1", 0.25 + seed,
            0.99, accuracy[0], eps50, 0.1, 12.5, 0.75, -0.5f, [0.25f, -1f, 0f, 0.5f, 0.125f, 2f],
            [0, 0.1, 0.2], accuracy,
            [new EpochRecord(1, 0.5, 0.4, 0.9, 0.91), new EpochRecord(2, 0.3, 0.2, 0.95, 0.96) { WeightAbsQuantiles = [.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => q * 0.1f)] }],
            [new MisclassifiedRecord(1, 0, 4, -0.01f), new MisclassifiedRecord(1, 1, 2, 0.02f), new MisclassifiedRecord(2, 0, 3, -0.5f)],
            [0, 2, 5],
            [[], [.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => 0.01f + q * 0.001f)], [.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => 0.5f + q * 0.01f)]]);
    }

    public static RunRecord Failed(long seed)
    {
        RunSpec spec = Spec(TrainingMode.Robust, 0.1, seed);
        return new RunRecord(spec.Key, spec, RunStatus.Failed, "boom", 3, "", 0, double.NaN, double.NaN, null, double.NaN, double.NaN, double.NaN,
            0f, [], [], [], [], [], [], []);
    }

    public static IReadOnlyList<RunRecord> Sweep() =>
    [
        Completed(TrainingMode.Regular, 0, 1, [1.0, 0.4, 0.0], 0.1),
        Completed(TrainingMode.Regular, 0, 2, [0.8, 0.6, 0.2], 0.2),
        Completed(TrainingMode.Robust, 0.1, 1, [1.0, 0.9, 0.7], null),
        Failed(2),
    ];

    /// <summary>Test index i of the task is sample 100 + i of the dataset, with a 2x3 image of bytes 10i..10i+5.</summary>
    public static TestSample Sample(RunSpec run, int testIndex) =>
        new(100 + testIndex, testIndex % 2 == 0 ? run.PositiveClass : run.NegativeClass, testIndex % 2 == 0 ? 1 : -1,
            Enumerable.Range(0, 6).Select(i => (byte)(testIndex * 10 + i)).ToArray(), 2, 3);
}
