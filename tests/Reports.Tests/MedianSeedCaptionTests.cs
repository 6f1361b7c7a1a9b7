using System.Collections;
using System.Globalization;
using RobustGrid.Reports.Model;

namespace RobustGrid.Reports.Tests;

/// <summary>
/// The captions of the figures drawn from each model's median seed (fooling examples, closest misclassified, eps-boxes),
/// recomputed from that run's rows of the Parquet files. Which run is the median seed is tested in ReportTests.
/// </summary>
public sealed class MedianSeedCaptionTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    private ReportSection Section => sweep.Report.Data.Sections.Single();

    [Fact]
    public void The_fooling_caption_gives_the_median_seeds_fooled_count_at_10_20_40_and_60_percent_of_the_grid()
    {
        string caption = Caption("-fooling.png");
        foreach (ReportModel model in Models())
        {
            string run = model.Representative!.RunKey;
            object?[] grid = Assert.Single(sweep.Rows($"SELECT attack_eps_start, attack_eps_stop FROM 'runs.parquet' WHERE run_key = '{run}'"));
            double start = (double)grid[0]!, stop = (double)grid[1]!;
            var shown = new[] { 0.1, 0.2, 0.4, 0.6 }.Select(f => Nearest(run, start + f * (stop - start), "misclassified_count"))
                .Select(r => $"{r[1]} at eps {((double)r[0]!).ToString("0.###", _invariant)}");
            Assert.Contains($"{model.Key.Label}: {string.Join(", ", shown)}", caption);
        }
    }

    [Fact]
    public void The_closest_caption_gives_the_median_seeds_shown_and_fooled_counts_at_each_table_radius()
    {
        string caption = Caption("-closest.png");
        Assert.Equal([0.1, 0.2, 0.3], Section.TableEps.Select(r => Math.Round(r, 12)));
        foreach (ReportModel model in Models())
        {
            string run = model.Representative!.RunKey;
            var shown = Section.TableEps.Select(eps => Nearest(run, eps, "misclassified_count",
                    $"(SELECT count(*) FROM 'misclassified.parquet' m WHERE m.run_key = c.run_key AND m.eps_index = c.eps_index AND m.rank < {FooledSamples.Ranks})"))
                .Select(r => $"{r[2]} of {r[1]} at eps {((double)r[0]!).ToString("0.###", _invariant)}");
            Assert.Contains($"{model.Key.Label}: {string.Join(", ", shown)}", caption);
        }
    }

    [Fact]
    public void The_eps_boxes_caption_gives_the_boundary_distance_and_each_balls_reach_along_w_of_the_median_seed()
    {
        string caption = Caption("-eps-boxes.png");
        double middle = Section.TableEps[Section.TableEps.Count / 2];
        foreach (ReportModel model in Models())
        {
            string run = model.Representative!.RunKey;
            object?[] at = Nearest(run, middle, "eps_index");
            double eps = (double)at[0]!;
            object?[] row = Assert.Single(sweep.Rows($"""
                SELECT r.weights, r.bias, s.image FROM 'runs.parquet' r
                JOIN 'misclassified.parquet' m ON m.run_key = r.run_key AND m.eps_index = {at[1]} AND m.rank = 0
                JOIN 'samples.parquet' s ON s.dataset_hash = m.dataset_hash AND s.sample_index = m.sample_index
                WHERE r.run_key = '{run}'
                """));
            double[] w = [.. ((IEnumerable)row[0]!).Cast<object>().Select(v => Convert.ToDouble(v, _invariant))];
            byte[] image = (byte[])row[2]!;
            double f = Convert.ToDouble(row[1], _invariant) + image.Select((p, j) => p / 255.0 * w[j]).Sum();
            double l2 = Math.Sqrt(w.Sum(v => v * v)), l1 = w.Sum(Math.Abs), max = w.Max(Math.Abs);
            // Along w / ||w||_2 a ball of radius eps reaches eps ||w||_dual / ||w||_2.
            string reach = $"L-infinity {Three(eps * l1 / l2)}, L2 {Three(eps)}, L1 {Three(eps * max / l2)}";
            Assert.Contains($"{model.Key.Label}: boundary at {Three(Math.Abs(f) / l2)}, balls reach {reach}", caption);
        }
    }

    private static string Three(double value) => value.ToString("0.###", _invariant);

    /// <summary>The four models, each with a median seed.</summary>
    private List<ReportModel> Models()
    {
        var models = Section.Models.Where(m => m.Representative is not null).ToList();
        Assert.Equal(4, models.Count);
        return models;
    }

    /// <summary>(attack_eps, <paramref name="columns"/>) of the run's curve point nearest <paramref name="eps"/>.</summary>
    private object?[] Nearest(string run, double eps, params string[] columns) =>
        Assert.Single(sweep.Rows($"SELECT attack_eps, {string.Join(", ", columns)} FROM 'curves.parquet' c WHERE run_key = '{run}' "
            + $"ORDER BY abs(attack_eps - {eps.ToString("R", _invariant)}), eps_index LIMIT 1"));

    private string Caption(string suffix) => sweep.Report.Figures.Single(f => f.FileName.EndsWith(suffix, StringComparison.Ordinal)).Caption;
}
