using Microsoft.Extensions.Logging.Abstractions;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Grains.Tests.Runs;

/// <summary>
/// The silo's trainer on one slot with a long window, so groups form from whatever is submitted together: the
/// window bounds a wait, it is never asserted on.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SiloTrainerTests
{
    private static readonly BinaryTask _task = BinaryTask.Create(DatasetLoader.LoadEmbedded(), 0, 1);
    private static readonly HyperParameters _hp = new(Epochs: 1, BatchSize: 100, LearningRate: 0.01f, LossReduction.Mean, Shuffle: false);

    [Fact]
    public async Task Compatible_runs_train_in_groups_with_the_results_they_have_alone()
    {
        using SiloTrainer trainer = Trainer(groupSize: 4);
        RunPoint[] points = Points(8);

        RunResult[] results = await Task.WhenAll(points.Select(p => trainer.TrainAsync(_task, p)));

        Assert.Equal((2L, 8L), trainer.Trained);
        for (int i = 0; i < points.Length; i++)
        {
            AssertSame(RunExecutor.Execute(_task, points[i]), results[i]);
        }
    }

    [Fact]
    public async Task Runs_that_cannot_share_batches_train_apart()
    {
        using SiloTrainer trainer = Trainer(groupSize: 4);
        RunPoint[] points = Points(2).Concat(Points(2, _hp with { LearningRate = 0.02f })).Concat(Points(2, _hp with { Shuffle = true })).ToArray();

        RunResult[] results = await Task.WhenAll(points.Select(p => trainer.TrainAsync(_task, p)));

        // Two groups of one hyper-parameter set each; the shuffled runs have different seeds, so each trains alone.
        Assert.Equal((4L, 6L), trainer.Trained);
        for (int i = 0; i < points.Length; i++)
        {
            AssertSame(RunExecutor.Execute(_task, points[i]), results[i]);
        }
    }

    [Fact]
    public async Task A_failing_member_fails_alone_and_the_rest_of_its_group_completes()
    {
        const long poison = 3;
        using SiloTrainer trainer = Trainer(groupSize: 4, (task, points, parents) =>
            points.Any(p => p.Seed == poison) ? throw new InvalidOperationException("poisoned run") : RunExecutor.ExecuteGroup(task, points, parents: parents));
        RunPoint[] points = Points(4);

        Task<RunResult>[] runs = points.Select(p => trainer.TrainAsync(_task, p)).ToArray();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => runs[2]);
        Assert.Equal("poisoned run", failure.Message);
        foreach (int i in new[] { 0, 1, 3 })
        {
            AssertSame(RunExecutor.Execute(_task, points[i]), await runs[i]);
        }
    }

    [Fact]
    public async Task A_run_cancelled_while_waiting_leaves_and_its_group_trains_without_it()
    {
        using SiloTrainer trainer = Trainer(groupSize: 4);
        RunPoint[] points = Points(4);
        using var handOff = new CancellationTokenSource();

        Task<RunResult> first = trainer.TrainAsync(_task, points[0]);
        Task<RunResult> cancelled = trainer.TrainAsync(_task, points[1], handOff.Token);
        Task<RunResult> third = trainer.TrainAsync(_task, points[2]);
        handOff.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Task<RunResult> fourth = trainer.TrainAsync(_task, points[3]);
        Task<RunResult> fifth = trainer.TrainAsync(_task, points[0] with { Seed = 99 });

        AssertSame(RunExecutor.Execute(_task, points[0]), await first);
        AssertSame(RunExecutor.Execute(_task, points[2]), await third);
        AssertSame(RunExecutor.Execute(_task, points[3]), await fourth);
        AssertSame(RunExecutor.Execute(_task, points[0] with { Seed = 99 }), await fifth);
        Assert.Equal((1L, 4L), trainer.Trained);
    }

    [Fact]
    public void Invalid_points_are_refused_before_they_can_join_a_group()
    {
        using SiloTrainer trainer = Trainer(groupSize: 4);
        RunPoint valid = Points(1)[0];

        // Refused synchronously, by the caller's own call, not by a failed task.
        Assert.Throws<ArgumentException>(() => { _ = trainer.TrainAsync(_task, valid with { Eps = -1 }); });
        Assert.Throws<ArgumentException>(() => { _ = trainer.TrainAsync(_task, valid with { DatasetHash = "elsewhere" }); });
        Assert.Equal((0L, 0L), trainer.Trained);
    }

    [Fact]
    public void Knobs_are_validated()
    {
        Assert.Empty(new FusedTrainingOptions().Validate());
        Assert.NotEmpty(new FusedTrainingOptions { GroupSize = 0 }.Validate());
        Assert.NotEmpty(new FusedTrainingOptions { WindowMilliseconds = double.NaN }.Validate());
    }

    private static SiloTrainer Trainer(int groupSize, SiloTrainer.GroupExecutor? execute = null) =>
        new(new RunExecutionGate(1), new FusedTrainingOptions { GroupSize = groupSize, WindowMilliseconds = 10_000 }, NullLogger<SiloTrainer>.Instance, execute);

    private static RunPoint[] Points(int count, HyperParameters? hp = null) =>
        Enumerable.Range(1, count)
            .Select(seed => RunExecutor.PointFor(_task, seed % 2 == 0
                ? new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, 0.1 * seed, seed, hp ?? _hp)
                : new TrainingSpec(TrainingMode.Regular, ThreatNorm.L2, 0, seed, hp ?? _hp), new AttackGrid(0, 0.5, 6)))
            .ToArray();

    private static void AssertSame(RunResult expected, RunResult actual)
    {
        Assert.Equal(expected.RunKey, actual.RunKey);
        Assert.Equal(expected.Weights.Select(BitConverter.SingleToInt32Bits), actual.Weights.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected.Bias), BitConverter.SingleToInt32Bits(actual.Bias));
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.Curve.Accuracy.Select(BitConverter.DoubleToInt64Bits), actual.Curve.Accuracy.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Summary, actual.Summary);
    }
}
