using System.Globalization;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>The captions state this sweep's numbers: each is compared with DuckDB's aggregate of the same Parquet column.</summary>
public sealed class CaptionTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public void The_robustness_curves_caption_gives_each_models_mean_eps50()
    {
        string caption = Caption("-curves.png");
        var rows = Query("SELECT mode, train_eps, avg(eps50) FROM 'runs.parquet' WHERE status = 'completed' GROUP BY ALL");
        Assert.Equal(4, rows.Count);
        foreach (var (label, value) in rows)
        {
            Assert.Contains($"{label}: {value.ToString("0.000", CultureInfo.InvariantCulture)}", caption);
        }
        Assert.DoesNotContain("falls apart", caption);
    }

    [Fact]
    public void The_weight_stamps_caption_gives_each_models_mean_small_weight_fraction()
    {
        string caption = Caption("-weights.png");
        var rows = Query("SELECT mode, train_eps, avg(small_weight_fraction) FROM 'runs.parquet' WHERE status = 'completed' GROUP BY ALL");
        foreach (var (label, value) in rows)
        {
            Assert.Contains($"{label}: {(value * 100).ToString("0.0", CultureInfo.InvariantCulture)}%", caption);
        }
    }

    [Fact]
    public void The_logit_caption_gives_the_mean_median_fooled_logit_at_each_table_radius()
    {
        string caption = Caption("-logits.png");
        IReadOnlyList<double> radii = sweep.Report.Data.Sections.Single().TableEps;
        Assert.Equal([0.1, 0.2, 0.3], radii.Select(r => Math.Round(r, 12)));
        foreach (double eps in radii)
        {
            var rows = Query($"SELECT mode, train_eps, avg(misclassified_abs_logit_median) FROM 'curves.parquet' "
                + $"WHERE abs(attack_eps - {eps.ToString("R", CultureInfo.InvariantCulture)}) < 1e-9 AND misclassified_abs_logit_median IS NOT NULL GROUP BY ALL");
            Assert.NotEmpty(rows);
            foreach (var (label, value) in rows)
            {
                string expected = $"{value.ToString("0.00", CultureInfo.InvariantCulture)} at eps {eps.ToString("0.###", CultureInfo.InvariantCulture)}";
                int at = caption.IndexOf(label + ": ", StringComparison.Ordinal);
                Assert.True(at >= 0, $"the caption names no {label}");
                int end = caption.IndexOf(';', at);
                Assert.Contains(expected, caption[at..(end < 0 ? caption.Length : end)]);
            }
        }
    }

    [Fact]
    public void The_accuracy_tables_attacked_columns_equal_the_curves_at_the_table_radii()
    {
        var section = sweep.Report.Data.Sections.Single();
        var table = Figures.AccuracyTable.Rows(section);
        string page = File.ReadAllText(sweep.Report.IndexFile);
        for (int i = 0; i < section.TableEps.Count; i++)
        {
            string eps = section.TableEps[i].ToString("R", CultureInfo.InvariantCulture);
            Assert.Contains($"<th>accuracy at eps {section.TableEps[i].ToString("0.###", CultureInfo.InvariantCulture)}</th>", page);
            var means = Query($"SELECT mode, train_eps, avg(robust_accuracy) FROM 'curves.parquet' WHERE abs(attack_eps - {eps}) < 1e-9 GROUP BY ALL");
            var stds = Query($"SELECT mode, train_eps, stddev_samp(robust_accuracy) FROM 'curves.parquet' WHERE abs(attack_eps - {eps}) < 1e-9 GROUP BY ALL");
            Assert.Equal(4, means.Count);
            foreach (var row in table)
            {
                Assert.Equal(means.Single(m => m.Label == row.Model.Label).Value, row.AttackedAccuracy[i].Mean, 12);
                Assert.Equal(stds.Single(m => m.Label == row.Model.Label).Value, row.AttackedAccuracy[i].Std, 12);
                Assert.Contains($"<td>{ReportPage.Percent(row.AttackedAccuracy[i])}</td>", page);
            }
        }
    }

    [Fact]
    public void The_hinge_caption_gives_each_robust_models_shift_eps_times_the_dual_norm_of_its_median_seed()
    {
        string caption = Caption("robust-hinge.png");
        var models = sweep.Report.Data.Sections.Single().Models.Where(m => m.Key.Mode == RobustGrid.Core.Training.TrainingMode.Robust).ToList();
        Assert.Equal(3, models.Count);
        foreach (var model in models)
        {
            var rows = Query($"SELECT mode, train_eps, train_eps * weight_l1 FROM 'runs.parquet' WHERE run_key = '{model.Representative!.RunKey}'");
            var (label, shift) = Assert.Single(rows);
            Assert.Contains($"{label} (L-infinity): {shift.ToString("0.###", CultureInfo.InvariantCulture)}", caption);
        }
    }

    [Fact]
    public void The_wipe_out_caption_gives_the_small_weight_fraction_of_each_median_seed()
    {
        string caption = Caption("-wipe-out.png");
        foreach (var model in sweep.Report.Data.Sections.Single().Models)
        {
            var (label, fraction) = Assert.Single(Query($"SELECT mode, train_eps, small_weight_fraction FROM 'runs.parquet' WHERE run_key = '{model.Representative!.RunKey}'"));
            int from = caption.IndexOf("Fraction of |w_i| < 0.01", StringComparison.Ordinal);
            Assert.Contains($"{label}: {(fraction * 100).ToString("0.0", CultureInfo.InvariantCulture)}%", caption[from..caption.IndexOf("; the most common", from, StringComparison.Ordinal)]);
        }
    }

    [Fact]
    public void The_clean_errors_caption_gives_each_median_seeds_misclassified_count_at_radius_0()
    {
        string caption = Caption("-clean-errors.png");
        foreach (var model in sweep.Report.Data.Sections.Single().Models)
        {
            var (label, count) = Assert.Single(Query(
                $"SELECT mode, train_eps, misclassified_count FROM 'curves.parquet' WHERE run_key = '{model.Representative!.RunKey}' AND eps_index = 0"));
            Assert.Contains($"{label}: {count.ToString(CultureInfo.InvariantCulture)}", caption[..caption.IndexOf("mean clean test accuracy", StringComparison.Ordinal)]);
        }
    }

    [Fact]
    public async Task The_per_epoch_wipe_out_caption_gives_each_models_mean_median_weight_at_the_first_and_last_epoch()
    {
        string caption = Caption("-wipe-out-epochs.png");
        // DuckDB lists are 1-based: element 11 of the 21 quantiles is the median, element 6 the 25% quantile.
        var first = Query("SELECT mode, train_eps, avg(weight_abs_quantiles[11]) FROM 'epochs.parquet' WHERE epoch = 1 GROUP BY ALL");
        var last = Query("SELECT mode, train_eps, avg(weight_abs_quantiles[11]) FROM 'epochs.parquet' WHERE epoch = 10 GROUP BY ALL");
        var quartile = Query("SELECT mode, train_eps, avg(weight_abs_quantiles[6]) FROM 'epochs.parquet' WHERE epoch = 10 GROUP BY ALL");
        Assert.Equal(4, first.Count);
        string medians = caption[..caption.IndexOf("the 25% quantile", StringComparison.Ordinal)];
        foreach (var (label, value) in first)
        {
            double end = last.Single(l => l.Label == label).Value;
            Assert.Contains($"{label}: {Figures.WipeOutEpochsFigure.Small(value)} to {Figures.WipeOutEpochsFigure.Small(end)}", medians);
        }
        foreach (var (label, value) in quartile)
        {
            Assert.Contains($"{label}: {Figures.WipeOutEpochsFigure.Small(value)}", caption[caption.IndexOf("the 25% quantile", StringComparison.Ordinal)..]);
        }
        // The wipe-out itself, in this sweep's numbers: robust training ends with a smaller median |w_i| than regular training.
        double regular = last.Single(l => l.Label == "regular").Value;
        Assert.All(last.Where(l => l.Label != "regular"), l => Assert.True(l.Value < regular, $"{l.Label}: {l.Value} vs regular {regular}"));
    }

    [Fact]
    public void The_training_caption_gives_each_models_mean_test_accuracy_and_loss_after_the_last_epoch()
    {
        string caption = Caption("-training.png");
        const string last = "epoch = (SELECT max(epoch) FROM 'epochs.parquet')";
        var accuracy = Query($"SELECT mode, train_eps, avg(test_accuracy) FROM 'epochs.parquet' WHERE {last} GROUP BY ALL");
        var loss = Query($"SELECT mode, train_eps, avg(test_loss) FROM 'epochs.parquet' WHERE {last} GROUP BY ALL");
        Assert.Equal(4, accuracy.Count);
        int split = caption.IndexOf(" and the mean test loss ", StringComparison.Ordinal);
        Assert.True(split > 0, caption);
        foreach (var (label, value) in accuracy)
        {
            Assert.Contains($"{label}: {(value * 100).ToString("0.0", CultureInfo.InvariantCulture)}%", caption[..split]);
            Assert.Contains($"{label}: {loss.Single(l => l.Label == label).Value.ToString("0.000", CultureInfo.InvariantCulture)}", caption[split..]);
        }
    }

    [Fact]
    public void The_radius_caption_gives_each_models_mean_eps50_and_the_seeds_that_never_fall_below_half()
    {
        string caption = Caption("-radius.png");
        int from = caption.IndexOf("Mean eps50: ", StringComparison.Ordinal);
        Assert.True(from > 0, caption);
        var means = Query("SELECT mode, train_eps, avg(eps50) FROM 'runs.parquet' WHERE status = 'completed' GROUP BY ALL");
        var never = Query("SELECT mode, train_eps, count(*) FILTER (WHERE eps50 IS NULL) FROM 'runs.parquet' WHERE status = 'completed' GROUP BY ALL");
        Assert.Equal(4, means.Count);
        foreach (var (label, value) in means)
        {
            Assert.Contains($"{label}: {value.ToString("0.000", CultureInfo.InvariantCulture)}", caption[from..]);
            int seeds = (int)never.Single(n => n.Label == label).Value;
            string note = $"{label}: {seeds} seed(s) stay above 50% over the whole attack grid";
            Assert.True(seeds > 0 == caption.Contains(note, StringComparison.Ordinal), $"{seeds} seeds of {label} never fall below 50%: {caption}");
        }
    }

    [Fact]
    public void No_caption_states_the_studys_conclusions_as_fixed_text()
    {
        foreach (FigureFile figure in sweep.Report.Figures)
        {
            Assert.DoesNotContain("falls apart", figure.Caption);
            Assert.DoesNotContain("Against a regular model a faint", figure.Caption);
            Assert.DoesNotContain("the regular model is fooled with large logits", figure.Caption);
            Assert.DoesNotContain("which is why robust training", figure.Caption);
        }
    }

    private string Caption(string suffix) => sweep.Report.Figures.Single(f => f.FileName.EndsWith(suffix, StringComparison.Ordinal)).Caption;

    /// <summary>(model label as the report writes it, value) per row of a query whose first columns are mode and train_eps.</summary>
    private List<(string Label, double Value)> Query(string sql) =>
        [.. sweep.Rows(sql).Select(r => (ModelKey.Of((string)r[0]!, (double?)r[1]).Label, Convert.ToDouble(r[2], CultureInfo.InvariantCulture)))];
}
