using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Grains.Tests.Runs;

[Trait("Category", "Unit")]
public sealed class RunRecordsTests
{
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    private static readonly BinaryTask _task = BinaryTask.Create(_dataset, 0, 1);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void A_completed_record_keeps_each_radius_closest_samples_in_radius_then_rank_order(int runIndex, bool hasCleanRadius)
    {
        // A regular run (radii with none misclassified, and with the full k) and a robust one (some at every radius).
        RunSpec spec = SweepPlanner.Create(new SweepSpec { Eps = [0.1], Seeds = [3], Epochs = 1, ClosestCount = 4 }, _ => _dataset, 100).Runs[runIndex];
        RunResult result = RunExecutor.Execute(_task, spec.ToPoint());

        RunRecord record = RunRecords.Completed(spec, result, "silo");

        MisclassifiedRecord[] expected = [.. result.Misclassified.SelectMany((m, g) => m.Closest.Select((c, rank) => new MisclassifiedRecord(g, rank, c.TestIndex, c.Logit)))];
        Assert.Equal(hasCleanRadius, result.Misclassified.Any(m => m.Closest.Length == 0));
        Assert.Contains(result.Misclassified, m => m.Closest.Length == 4);
        Assert.Equal(expected, record.Misclassified);
        Assert.Equal([.. result.Misclassified.Select(m => m.Count)], record.MisclassifiedCounts);
        Assert.Equal([.. result.Misclassified.Select(m => m.AbsLogitQuantiles)], record.AbsLogitQuantiles);
    }
}
