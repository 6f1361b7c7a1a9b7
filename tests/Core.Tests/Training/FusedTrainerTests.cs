using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Training;

[Trait("Category", "Unit")]
public sealed class FusedTrainerTests
{
    private static readonly HyperParameters Plain = new(Epochs: 3, BatchSize: 40, LearningRate: 0.01f, LossReduction.Mean, Shuffle: false);

    [Fact]
    public void A_run_has_the_same_bits_in_any_random_group_and_position()
    {
        BinaryTask task = TestTasks.Task(trainCount: 250, testCount: 30, features: 37, seed: 21);
        TrainingSpec[] pool = MixedSpecs(Plain, seed: 1);
        Dictionary<TrainingSpec, TrainingOutcome> alone = pool.Distinct().ToDictionary(s => s, s => Trainer.Train(task, s));
        var random = new Random(5);
        for (int trial = 0; trial < 25; trial++)
        {
            TrainingSpec[] group = Enumerable.Range(0, random.Next(1, 10)).Select(_ => pool[random.Next(pool.Length)]).ToArray();

            TrainingOutcome?[] outcomes = FusedTrainer.Train(task, group);

            for (int q = 0; q < group.Length; q++)
            {
                AssertSameBits(alone[group[q]], outcomes[q]);
            }
        }
    }

    [Fact]
    public void Shuffled_runs_of_one_seed_fuse_with_the_bits_they_have_alone()
    {
        BinaryTask task = TestTasks.Task(trainCount: 203, testCount: 17, features: 50, seed: 22);
        HyperParameters shuffled = Plain with { Shuffle = true, BatchSize = 32 };
        TrainingSpec[] group = MixedSpecs(shuffled, seed: 9).Select(s => s with { Seed = 9 }).ToArray();

        TrainingOutcome?[] outcomes = FusedTrainer.Train(task, group);

        for (int q = 0; q < group.Length; q++)
        {
            AssertSameBits(Trainer.Train(task, group[q]), outcomes[q]);
        }
    }

    [Fact]
    public void A_cancelled_member_leaves_the_others_as_they_are_alone()
    {
        BinaryTask task = TestTasks.Task(trainCount: 120, testCount: 21, features: 64, seed: 23);
        TrainingSpec[] group = MixedSpecs(Plain, seed: 3).Take(6).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        CancellationToken[] tokens = group.Select((_, q) => q is 1 or 4 ? cancelled.Token : CancellationToken.None).ToArray();

        TrainingOutcome?[] outcomes = FusedTrainer.Train(task, group, tokens);

        Assert.Null(outcomes[1]);
        Assert.Null(outcomes[4]);
        foreach (int q in new[] { 0, 2, 3, 5 })
        {
            AssertSameBits(Trainer.Train(task, group[q]), outcomes[q]);
        }
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(task, group[1], cancelled.Token));
    }

    [Fact]
    public void Runs_that_cannot_share_batches_are_refused()
    {
        BinaryTask task = TestTasks.Task(trainCount: 50, testCount: 5, features: 8, seed: 24);
        var regular = new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, 1, Plain);
        var shuffled = regular with { HyperParameters = Plain with { Shuffle = true } };

        Assert.False(FusedTrainer.CanShareBatches(regular, regular with { HyperParameters = Plain with { LearningRate = 0.02f } }));
        Assert.False(FusedTrainer.CanShareBatches(shuffled, shuffled with { Seed = 2 }));
        Assert.True(FusedTrainer.CanShareBatches(regular, regular with { Seed = 2, Mode = TrainingMode.Robust, Eps = 0.3, Norm = ThreatNorm.L2 }));
        Assert.True(FusedTrainer.CanShareBatches(shuffled, shuffled with { Mode = TrainingMode.Robust, Eps = 0.3 }));
        Assert.Throws<ArgumentException>(() => FusedTrainer.Train(task, [regular, regular with { HyperParameters = Plain with { Epochs = 4 } }]));
        Assert.Throws<ArgumentException>(() => FusedTrainer.Train(task, [shuffled, shuffled with { Seed = 2 }]));
        Assert.Throws<ArgumentException>(() => FusedTrainer.Train(task, [regular, regular with { Eps = 0.1 }]));
        Assert.Throws<ArgumentException>(() => FusedTrainer.Train(task, [regular], []));
        Assert.Empty(FusedTrainer.Train(task, []));
    }

    /// <summary>Runs of every mode and norm, several radii and seeds, all with <paramref name="hp"/>.</summary>
    internal static TrainingSpec[] MixedSpecs(HyperParameters hp, int seed) =>
    [
        new(TrainingMode.Regular, ThreatNorm.Linf, 0, seed, hp),
        new(TrainingMode.Regular, ThreatNorm.L2, 0, seed + 1, hp),
        new(TrainingMode.Robust, ThreatNorm.Linf, 0.1, seed, hp),
        new(TrainingMode.Robust, ThreatNorm.Linf, 0.3, seed + 2, hp),
        new(TrainingMode.Robust, ThreatNorm.L2, 0.5, seed + 3, hp),
        new(TrainingMode.Robust, ThreatNorm.L1, 1.0, seed + 4, hp),
        new(TrainingMode.Robust, ThreatNorm.Linf, 0.05, seed + 5, hp),
    ];

    internal static void AssertSameBits(TrainingOutcome expected, TrainingOutcome? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Model.Weights.Select(BitConverter.SingleToInt32Bits), actual.Model.Weights.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected.Model.Bias), BitConverter.SingleToInt32Bits(actual.Model.Bias));
        Assert.Equal(Bits(expected.Epochs), Bits(actual.Epochs));
        Assert.Equal(expected.Epochs.SelectMany(e => e.WeightAbsQuantiles).Select(BitConverter.SingleToInt32Bits), actual.Epochs.SelectMany(e => e.WeightAbsQuantiles).Select(BitConverter.SingleToInt32Bits));
        Assert.All(actual.Epochs, e => Assert.NotEmpty(e.WeightAbsQuantiles));
    }

    private static long[] Bits(IEnumerable<EpochMetrics> epochs) =>
        epochs.SelectMany(e => new[] { e.Epoch, e.TrainLoss, e.TestLoss, e.TrainAccuracy, e.TestAccuracy }).Select(BitConverter.DoubleToInt64Bits).ToArray();
}
