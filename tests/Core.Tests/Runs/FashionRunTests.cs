using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Runs;

/// <summary>Fashion-MNIST classes 0 vs 1 at full scale through a data directory, as the CLI's --data-dir does.</summary>
[Trait("Category", "Integration")]
public sealed class FashionRunTests
{
    [Fact]
    public void Seed_scale_run_on_fashion_mnist_trains_and_is_deterministic()
    {
        BinaryTask task = BinaryTask.Create(DatasetLoader.LoadDirectory("/usr/share/datasets/fashion-mnist"), 0, 1);
        RunPoint point = RunExecutor.PointFor(task, new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, 0.1, 1, HyperParameters.SeedFaithful(TrainingMode.Robust)));

        RunResult a = RunExecutor.Execute(task, point);
        RunResult b = RunExecutor.Execute(task, point);

        Assert.True(a.Summary.TestAccuracy > 0.9, $"clean test accuracy {a.Summary.TestAccuracy}");
        Assert.Equal(101, a.Curve.Accuracy.Length);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Curve.Accuracy, b.Curve.Accuracy);
    }
}
