
namespace RobustGrid.Reports.Tests;

/// <summary>The closest misclassified samples the report holds: ranks 0..k-1 of the representative runs only, as misclassified.parquet has them.</summary>
public sealed class FooledSampleTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public void Each_model_holds_the_first_ranks_of_its_median_seed_at_every_radius_and_nothing_of_other_seeds()
    {
        foreach (var model in sweep.Report.Data.Sections.Single().Models)
        {
            var expected = DuckDb.Rows($"""
                SELECT eps_index, rank, sample_index, logit FROM {DuckDb.File(sweep.SweepDirectory, "misclassified.parquet")}
                WHERE run_key = '{model.Representative!.RunKey}' AND rank < {Model.FooledSamples.Ranks} ORDER BY eps_index, rank
                """).Select(r => ((int)r[0]!, (int)r[1]!, (int)r[2]!, (float)r[3]!)).ToList();
            Assert.NotEmpty(expected);
            Assert.Contains(expected, e => e.Item2 == Model.FooledSamples.Ranks - 1);
            Assert.Equal(expected, model.Fooled.OrderBy(f => f.EpsIndex).ThenBy(f => f.Rank).Select(f => (f.EpsIndex, f.Rank, f.SampleIndex, f.Logit)));
            Assert.All(model.Fooled, f => Assert.Equal(model.Representative.RunKey, f.RunKey));
            Assert.All(model.Fooled, f => Assert.Equal(f.ImageRows * f.ImageColumns, f.Image.Length));
        }
    }
}
