using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Model;

namespace RobustGrid.Reports.Tests;

public sealed class LossLandscapeTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public void At_the_final_weights_the_test_hinge_equals_the_last_epochs_test_loss_and_the_path_ends_lower_than_it_starts()
    {
        var tasks = new TaskSource();
        foreach (ReportModel model in sweep.Report.Data.Sections.Single().Models)
        {
            var task = tasks.Of(model.Representative!, out string problem);
            Assert.True(task is not null, problem);
            var lines = LossLandscapeFigure.Lines(task, model);
            double lastTestLoss = DuckDb.Real($"SELECT test_loss FROM {DuckDb.File(sweep.SweepDirectory, "epochs.parquet")} WHERE run_key = '{model.Representative!.RunKey}' ORDER BY epoch DESC LIMIT 1");
            Assert.Equal(lastTestLoss, lines.FinalTest, 4);
            Assert.True(lines.Final < lines.Initial, $"{model.Key.Label}: training should lower the train hinge ({lines.Initial} -> {lines.Final})");
            // The hinge is convex along any line: its second differences are not negative.
            for (int i = 1; i < lines.PathHinge.Length - 1; i++)
            {
                Assert.True(lines.PathHinge[i - 1] + lines.PathHinge[i + 1] - 2 * lines.PathHinge[i] >= -1e-9);
            }
        }
        Assert.Contains(sweep.Report.Figures, f => f.FileName.EndsWith("-landscape.png", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dataset_that_is_not_on_this_machine_gives_a_reason_instead_of_a_task()
    {
        ReportRun run = sweep.Report.Data.Runs[0];
        var moved = new ReportRun
        {
            RunKey = run.RunKey, DatasetName = run.DatasetName, DatasetHash = run.DatasetHash, DatasetSource = "/nonexistent/fashion",
            NegativeClass = run.NegativeClass, PositiveClass = run.PositiveClass, Mode = run.Mode, Norm = run.Norm, TrainEps = run.TrainEps,
            Seed = run.Seed, Epochs = run.Epochs, AttackGrid = run.AttackGrid, Clip = run.Clip, Status = run.Status, TrainAccuracy = run.TrainAccuracy,
            TestAccuracy = run.TestAccuracy, Eps50 = run.Eps50, CurveArea = run.CurveArea, WeightL1 = run.WeightL1, SmallWeightFraction = run.SmallWeightFraction,
        };
        Assert.Null(new TaskSource().Of(moved, out string problem));
        Assert.Contains("/nonexistent/fashion is not on this machine", problem);
        var otherHash = new TaskSource().Of(new ReportRun
        {
            RunKey = run.RunKey, DatasetName = run.DatasetName, DatasetHash = "00", DatasetSource = "embedded",
            NegativeClass = 0, PositiveClass = 1, Mode = run.Mode, Norm = run.Norm, TrainEps = run.TrainEps, Seed = run.Seed, Epochs = run.Epochs,
            AttackGrid = run.AttackGrid, Clip = run.Clip, Status = run.Status, TrainAccuracy = null, TestAccuracy = null, Eps50 = null, CurveArea = null,
            WeightL1 = null, SmallWeightFraction = null,
        }, out string hashProblem);
        Assert.Null(otherHash);
        Assert.Contains("content hash differs", hashProblem);
    }
}
