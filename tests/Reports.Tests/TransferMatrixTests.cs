using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Model;

namespace RobustGrid.Reports.Tests;

public sealed class TransferMatrixTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public void The_closed_form_equals_perturbing_every_image_and_the_diagonal_is_the_white_box_curve()
    {
        ReportSection section = sweep.Report.Data.Sections.Single();
        var models = section.Models.Select(m => (m.RepresentativeWeights, m.RepresentativeBias)).ToList();
        var task = new TaskSource().Of(section.Models[0].Representative!, out string problem);
        Assert.True(task is not null, problem);
        double eps = section.TableEps[1];
        double[,] closed = TransferMatrix.Accuracy(task.Test, models, ThreatNorm.Linf, eps, clip: false, closedForm: true);
        double[,] explicitly = TransferMatrix.Accuracy(task.Test, models, ThreatNorm.Linf, eps, clip: false, closedForm: false);
        for (int a = 0; a < models.Count; a++)
        {
            for (int b = 0; b < models.Count; b++)
            {
                Assert.Equal(explicitly[a, b], closed[a, b], 12);
            }
            double whiteBox = DuckDb.Real($"SELECT robust_accuracy FROM {DuckDb.File(sweep.SweepDirectory, "curves.parquet")} "
                + $"WHERE run_key = '{section.Models[a].Representative!.RunKey}' AND abs(attack_eps - {eps.ToString("R", CultureInfo.InvariantCulture)}) < 1e-9");
            Assert.Equal(whiteBox, closed[a, a], 12);
        }
        // Transfer is weaker than white-box: no source hurts a target more than the target's own attack does.
        for (int a = 0; a < models.Count; a++)
        {
            for (int b = 0; b < models.Count; b++)
            {
                Assert.True(closed[a, b] >= closed[b, b], $"source {a} against target {b}");
            }
        }
    }
}
