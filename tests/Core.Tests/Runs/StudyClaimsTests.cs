using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Runs;

/// <summary>
/// The study's claims, checked on the embedded MNIST 0-vs-1 task with the seed-faithful preset and seed 1
/// for the four study models: regular, and robust at eps 0.1, 0.2, 0.3.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StudyClaimsTests : IClassFixture<StudyClaimsTests.StudyModels>
{
    private readonly StudyModels _models;

    public StudyClaimsTests(StudyModels models) => _models = models;

    [Fact]
    public void Every_model_is_near_perfect_on_clean_data()
    {
        foreach (RunResult r in _models.All)
        {
            Assert.True(r.Summary.TestAccuracy >= 0.985, $"{Name(r)}: clean test accuracy {r.Summary.TestAccuracy:P2} < 98.5%");
            Assert.Equal(r.Summary.TestAccuracy, r.Curve.Accuracy[0]);
        }
    }

    [Fact]
    public void Regular_collapses_under_small_attacks_and_robust_holds()
    {
        Assert.True(AccuracyAt(_models.Regular, 0.1) <= 0.30, $"regular at eps 0.1: {AccuracyAt(_models.Regular, 0.1):P2}");
        Assert.True(AccuracyAt(_models.Robust01, 0.1) >= 0.90, $"robust(0.1) at eps 0.1: {AccuracyAt(_models.Robust01, 0.1):P2}");
        Assert.True(AccuracyAt(_models.Robust02, 0.25) >= 0.60, $"robust(0.2) at eps 0.25: {AccuracyAt(_models.Robust02, 0.25):P2}");
        Assert.True(_models.Regular.Summary.Eps50 < _models.Robust01.Summary.Eps50);
    }

    [Fact]
    public void Regular_is_confidently_wrong_and_robust_is_uncertain()
    {
        double regular = MedianAbsLogit(_models.Regular, 0.25);
        double robust = MedianAbsLogit(_models.Robust02, 0.25);
        Assert.True(regular >= 3 * robust, $"median |logit| of misclassified at eps 0.25: regular {regular}, robust(0.2) {robust}");
    }

    [Fact]
    public void Robust_weights_are_sparse_and_regular_weights_are_not()
    {
        Assert.True(_models.Robust02.Summary.SmallWeightFraction >= 0.7, $"robust(0.2) small-weight fraction {_models.Robust02.Summary.SmallWeightFraction}");
        Assert.True(_models.Regular.Summary.SmallWeightFraction <= 0.3, $"regular small-weight fraction {_models.Regular.Summary.SmallWeightFraction}");
    }

    private static double AccuracyAt(RunResult r, double eps) => r.Curve.Accuracy[Index(r, eps)];

    private static double MedianAbsLogit(RunResult r, double eps)
    {
        // The type-7 quantile at 0.5 is the median: the middle value, or the mean of the middle two.
        float[] quantiles = r.Misclassified[Index(r, eps)].AbsLogitQuantiles;
        Assert.NotEmpty(quantiles);
        return quantiles[LogitQuantiles.MedianIndex];
    }

    private static int Index(RunResult r, double eps)
    {
        int g = Array.FindIndex(r.Curve.Eps, e => Math.Abs(e - eps) < 1e-12);
        Assert.True(g >= 0, $"eps {eps} is not on the grid");
        return g;
    }

    private static string Name(RunResult r) => r.Point.Mode == TrainingMode.Regular ? "regular" : $"robust({r.Point.Eps})";

    public sealed class StudyModels
    {
        public StudyModels()
        {
            BinaryTask task = BinaryTask.Create(DatasetLoader.LoadEmbedded(), 0, 1);
            RunResult Run(TrainingMode mode, double eps) =>
                RunExecutor.Execute(task, RunExecutor.PointFor(task, new TrainingSpec(mode, ThreatNorm.Linf, eps, 1, HyperParameters.SeedFaithful(mode))));
            Regular = Run(TrainingMode.Regular, 0);
            Robust01 = Run(TrainingMode.Robust, 0.1);
            Robust02 = Run(TrainingMode.Robust, 0.2);
            Robust03 = Run(TrainingMode.Robust, 0.3);
        }

        public RunResult Regular { get; }

        public RunResult Robust01 { get; }

        public RunResult Robust02 { get; }

        public RunResult Robust03 { get; }

        public IEnumerable<RunResult> All => [Regular, Robust01, Robust02, Robust03];
    }
}
