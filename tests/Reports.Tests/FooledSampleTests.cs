using DuckDB.NET.Data;

namespace RobustGrid.Reports.Tests;

/// <summary>The closest misclassified samples the report holds: ranks 0..k-1 of the representative runs only, as misclassified.parquet has them.</summary>
public sealed class FooledSampleTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public async Task Each_model_holds_the_first_ranks_of_its_median_seed_at_every_radius_and_nothing_of_other_seeds()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        foreach (var model in sweep.Report.Data.Sections.Single().Models)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT eps_index, rank, sample_index, logit FROM '{Path.Combine(sweep.SweepDirectory, "misclassified.parquet")}'
                WHERE run_key = '{model.Representative!.RunKey}' AND rank < {Model.FooledSamples.Ranks} ORDER BY eps_index, rank
                """;
            using var reader = await command.ExecuteReaderAsync();
            var expected = new List<(int, int, int, float)>();
            while (await reader.ReadAsync())
            {
                expected.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetFloat(3)));
            }
            Assert.NotEmpty(expected);
            Assert.Contains(expected, e => e.Item2 == Model.FooledSamples.Ranks - 1);
            Assert.Equal(expected, model.Fooled.OrderBy(f => f.EpsIndex).ThenBy(f => f.Rank).Select(f => (f.EpsIndex, f.Rank, f.SampleIndex, f.Logit)));
            Assert.All(model.Fooled, f => Assert.Equal(model.Representative.RunKey, f.RunKey));
            Assert.All(model.Fooled, f => Assert.Equal(f.ImageRows * f.ImageColumns, f.Image.Length));
        }
    }
}
