using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Training;

[Trait("Category", "Unit")]
public sealed class TrainerTests
{
    [Theory]
    [InlineData(TrainingMode.Regular, ThreatNorm.Linf, 0.0, LossReduction.Mean)]
    [InlineData(TrainingMode.Robust, ThreatNorm.Linf, 0.1, LossReduction.Sum)]
    [InlineData(TrainingMode.Robust, ThreatNorm.L2, 0.5, LossReduction.Sum)]
    [InlineData(TrainingMode.Robust, ThreatNorm.L1, 1.0, LossReduction.Mean)]
    [InlineData(TrainingMode.Robust, ThreatNorm.Linf, 0.05, LossReduction.Mean)]
    public void Sgd_steps_equal_the_explicit_subgradient_computation(TrainingMode mode, ThreatNorm norm, double eps, LossReduction reduction)
    {
        BinaryTask task = TestTasks.Task(trainCount: 90, testCount: 20, features: 33, seed: 11);
        var hp = new HyperParameters(Epochs: 2, BatchSize: 40, LearningRate: 0.05f, reduction, Shuffle: false);
        var spec = new TrainingSpec(mode, norm, eps, Seed: 5, hp);

        TrainingOutcome outcome = Trainer.Train(task, spec);
        (double[] w, double b) = ReferenceTrainer.Train(task, spec);

        for (int j = 0; j < w.Length; j++)
        {
            Assert.InRange(outcome.Model.Weights[j] - w[j], -1e-4, 1e-4);
        }
        Assert.InRange(outcome.Model.Bias - b, -1e-4, 1e-4);
    }

    [Fact]
    public void Same_spec_gives_bit_identical_weights_and_metrics()
    {
        BinaryTask task = TestTasks.Task(trainCount: 300, testCount: 50, features: 64, seed: 12);
        var spec = new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, 0.1, 3, HyperParameters.SeedFaithful(TrainingMode.Robust) with { Epochs = 3, Shuffle = true });

        TrainingOutcome a = Trainer.Train(task, spec);
        TrainingOutcome b = Trainer.Train(task, spec);

        Assert.Equal(a.Model.Weights.Select(BitConverter.SingleToInt32Bits), b.Model.Weights.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(BitConverter.SingleToInt32Bits(a.Model.Bias), BitConverter.SingleToInt32Bits(b.Model.Bias));
        Assert.Equal(a.Epochs, b.Epochs);
    }

    [Fact]
    public void Seed_and_shuffle_change_the_result()
    {
        BinaryTask task = TestTasks.Task(trainCount: 300, testCount: 50, features: 64, seed: 13);
        HyperParameters hp = HyperParameters.SeedFaithful(TrainingMode.Regular) with { Epochs = 2 };
        float[] Weights(long seed, bool shuffle) => Trainer.Train(task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, seed, hp with { Shuffle = shuffle })).Model.Weights;

        Assert.NotEqual(Weights(1, false), Weights(2, false));
        Assert.NotEqual(Weights(1, false), Weights(1, true));
    }

    [Fact]
    public void History_has_one_entry_per_epoch_with_sane_values()
    {
        BinaryTask task = TestTasks.Task(trainCount: 200, testCount: 40, features: 20, seed: 14);
        TrainingOutcome outcome = Trainer.Train(task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, 1, HyperParameters.SeedFaithful(TrainingMode.Regular) with { Epochs = 4 }));

        Assert.Equal([1, 2, 3, 4], outcome.Epochs.Select(e => e.Epoch));
        Assert.All(outcome.Epochs, e =>
        {
            Assert.InRange(e.TrainAccuracy, 0, 1);
            Assert.InRange(e.TestAccuracy, 0, 1);
            Assert.True(e.TrainLoss >= 0 && e.TestLoss >= 0);
        });
        var final = ModelEvaluation.Evaluate(outcome.Model, task.Test, new float[task.Test.Count]);
        Assert.Equal(final.Accuracy, outcome.Epochs[^1].TestAccuracy);
        Assert.Equal(final.HingeLoss, outcome.Epochs[^1].TestLoss);
    }

    [Fact]
    public void Each_epoch_records_the_quantiles_of_its_final_weights_magnitudes()
    {
        BinaryTask task = TestTasks.Task(trainCount: 200, testCount: 40, features: 20, seed: 15);
        var spec = new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, 0.05, 1, HyperParameters.SeedFaithful(TrainingMode.Robust) with { Epochs = 3 });
        TrainingOutcome outcome = Trainer.Train(task, spec);
        TrainingOutcome twoEpochs = Trainer.Train(task, spec with { HyperParameters = spec.HyperParameters with { Epochs = 2 } });

        Assert.All(outcome.Epochs, e => Assert.Equal(LogitQuantiles.Count, e.WeightAbsQuantiles.Length));
        Assert.Equal(LogitQuantiles.OfAbsolute(outcome.Model.Weights), outcome.Epochs[^1].WeightAbsQuantiles);
        Assert.Equal(LogitQuantiles.OfAbsolute(twoEpochs.Model.Weights), outcome.Epochs[1].WeightAbsQuantiles);
        Assert.Equal(outcome.Model.Weights.Min(w => Math.Abs(w)), outcome.Epochs[^1].WeightAbsQuantiles[0]);
        Assert.Equal(outcome.Model.Weights.Max(w => Math.Abs(w)), outcome.Epochs[^1].WeightAbsQuantiles[^1]);
        Assert.NotEqual(outcome.Epochs[0].WeightAbsQuantiles, outcome.Epochs[^1].WeightAbsQuantiles);
    }

    [Fact]
    public void Invalid_specs_are_rejected()
    {
        BinaryTask task = TestTasks.Task(trainCount: 10, testCount: 5, features: 4, seed: 15);
        HyperParameters hp = HyperParameters.SeedFaithful(TrainingMode.Regular);
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0.1, 1, hp)));
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, -0.1, 1, hp)));
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, double.NaN, 1, hp)));
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Robust, (ThreatNorm)9, 0.1, 1, hp)));
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, 1, hp with { BatchSize = 0 })));
        Assert.Throws<ArgumentException>(() => Trainer.Train(task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, 1, hp with { LearningRate = float.NaN })));
    }

    [Fact]
    public void Glorot_initialisation_is_uniform_within_the_keras_limit()
    {
        LinearModel model = LinearModel.GlorotUniform(784, seed: 1);
        double limit = Math.Sqrt(6.0 / 785);
        Assert.Equal(0.0874, limit, 4);
        Assert.All(model.Weights, w => Assert.InRange(w, -limit, limit));
        Assert.InRange(model.Weights.Average(w => (double)w), -0.01, 0.01);
        Assert.InRange(model.Weights.Max(), limit * 0.95, limit);
        Assert.Equal(0f, model.Bias);
        Assert.Equal(model.Weights, LinearModel.GlorotUniform(784, seed: 1).Weights);
    }
}
