using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Dashboard.Tests;

/// <summary>
/// A small sweep written with the real writer (<see cref="PartsLayout"/>) whose numbers are worked out by hand: three
/// regular seeds with curves (1.0, 0.4, 0.0), (0.8, 0.6, 0.2), (0.9, 0.5, 0.1) at attack eps 0, 0.1, 0.2 (mean 0.9, 0.5,
/// 0.1, each with sample std 0.1), one robust eps 0.1 seed (1.0, 0.9, 0.7; std 0) and one failed robust run ("boom").
/// </summary>
internal static class FixtureSweep
{
    public const int Total = 5;

    /// <summary>
    /// A regular run with a 101-point grid (0..0.5) whose accuracy at point p is <see cref="LongCurve"/>(seed, p): 330 of
    /// them fill more than one curves row group (32,768 rows), so curves straddle row groups.
    /// </summary>
    public static RunRecord LongRun(long seed)
    {
        RunSpec spec = new(
            DatasetRef.Embedded, "mnist-embedded", new string('a', 64), 0, 1, TrainingMode.Regular, ThreatNorm.Linf, 0, seed,
            10, 100, 0.1f, LossReduction.Mean, false, 0, 0.5, 101, false, 2);
        double[] eps = [.. Enumerable.Range(0, 101).Select(p => p * 0.005)];
        double[] accuracy = [.. Enumerable.Range(0, 101).Select(p => LongCurve(seed, p))];
        return new RunRecord(spec.Key, spec, RunStatus.Completed, null, 1, "S127.0.0.1:11111:1", 1, 0.99, accuracy[0], null, 0.1, 12.5, 0.75, -0.5f,
            [0.25f, -1f, 0f, 0.5f, 0.125f, 2f], eps, accuracy, [new EpochRecord(1, 0.5, 0.4, 0.9, 0.91)], [], new int[101], [.. Enumerable.Range(0, 101).Select(_ => Array.Empty<float>())]);
    }

    public static double LongCurve(long seed, int point) => ((seed * 37 + point * 11) % 101) / 100.0;

    public static IReadOnlyList<RunRecord> Runs() =>
    [
        SampleRuns.Completed(TrainingMode.Regular, 0, 1, [1.0, 0.4, 0.0], 0.1),
        SampleRuns.Completed(TrainingMode.Regular, 0, 2, [0.8, 0.6, 0.2], 0.2),
        SampleRuns.Completed(TrainingMode.Regular, 0, 3, [0.9, 0.5, 0.1], 0.15),
        SampleRuns.Completed(TrainingMode.Robust, 0.1, 1, [1.0, 0.9, 0.7], null),
        SampleRuns.Failed(2),
    ];

    /// <summary>
    /// Writes the sweep into <paramref name="directory"/> in parts of <paramref name="sizeOfPart"/> runs in key order, with a
    /// manifest that commits the first <paramref name="committed"/> of them (all by default); returns the slices.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<RunRecord>>> WriteAsync(string directory, string sweepId, int sizeOfPart = 3, int? committed = null)
    {
        IReadOnlyList<IReadOnlyList<RunRecord>> slices = PartsLayout.Slices(Runs(), sizeOfPart);
        await PartsLayout.WriteSlicesAsync(directory, sweepId, slices, SampleRuns.Sample);
        Commit(directory, sweepId, committed ?? slices.Count, slices);
        return slices;
    }

    /// <summary>A manifest that commits the first <paramref name="parts"/> slices.</summary>
    public static void Commit(string directory, string sweepId, int parts, IReadOnlyList<IReadOnlyList<RunRecord>> slices) =>
        new SweepManifest(SweepManifest.CurrentFormat, sweepId, Total, slices[0].Count, parts, slices.Take(parts).Sum(s => s.Count), parts == slices.Count)
            .Write(directory);
}
