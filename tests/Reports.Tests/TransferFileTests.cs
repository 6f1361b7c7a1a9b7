using RobustGrid.Results.Layout;
using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>transfer.parquet of a real sweep: its pairs, its diagonal, the explicit attack, bounded batches, and the report's matrix.</summary>
public sealed class TransferFileTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    private const int Models = 4;

    [Fact]
    public async Task Every_pair_of_models_within_a_seed_and_one_cross_seed_pair_per_run_are_written()
    {
        int seeds = StudySweepFixture.Seeds.Length;
        Assert.Equal(seeds * (Models * Models + Models), sweep.TransferCurves);
        var rows = Rows("SELECT relation, count(*), count(DISTINCT source_run_key), count(DISTINCT target_run_key) FROM 'transfer.parquet' GROUP BY relation ORDER BY relation");
        int grid = AttackGrid.Default.Count;
        Assert.Equal(
            [["cross_seed", (long)(seeds * Models * grid), (long)(seeds * Models), (long)(seeds * Models)],
             ["same_seed", (long)(seeds * Models * (Models - 1) * grid), (long)(seeds * Models), (long)(seeds * Models)],
             ["white_box", (long)(seeds * Models * grid), (long)(seeds * Models), (long)(seeds * Models)]],
            rows.Select(r => r.Select(v => v is System.Numerics.BigInteger b ? (long)b : v).ToArray()));
        // Same seed within the seed; cross seed to the same model at the next seed, the last seed to the first.
        Assert.Equal(0L, Scalar("SELECT count(*) FROM 'transfer.parquet' WHERE relation <> 'cross_seed' AND source_seed <> target_seed"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM 'transfer.parquet' WHERE relation = 'cross_seed' AND "
            + "(source_mode <> target_mode OR coalesce(source_train_eps, -1) <> coalesce(target_train_eps, -1) OR target_seed <> CASE WHEN source_seed = 3 THEN 1 ELSE source_seed + 1 END)"));
    }

    [Fact]
    public async Task The_diagonal_equals_the_white_box_curve_of_curves_parquet()
    {
        long compared = Scalar("SELECT count(*) FROM 'transfer.parquet' t JOIN 'curves.parquet' c ON c.run_key = t.source_run_key AND c.eps_index = t.eps_index WHERE t.relation = 'white_box'");
        long equal = Scalar("SELECT count(*) FROM 'transfer.parquet' t JOIN 'curves.parquet' c ON c.run_key = t.source_run_key AND c.eps_index = t.eps_index "
            + "WHERE t.relation = 'white_box' AND t.accuracy = c.robust_accuracy AND t.attack_eps = c.attack_eps AND t.target_run_key = t.source_run_key");
        Assert.Equal(StudySweepFixture.Seeds.Length * Models * AttackGrid.Default.Count, compared);
        Assert.Equal(compared, equal);
    }

    [Theory]
    [InlineData("same_seed", 20)]
    [InlineData("same_seed", 60)]
    [InlineData("cross_seed", 20)]
    public async Task Off_the_diagonal_the_file_equals_perturbing_every_image_against_the_source(string relation, int epsIndex)
    {
        var pairs = Rows($"SELECT source_run_key, target_run_key, attack_eps, accuracy FROM 'transfer.parquet' WHERE relation = '{relation}' AND eps_index = {epsIndex} ORDER BY source_run_key, target_run_key");
        Assert.NotEmpty(pairs);
        var test = sweep.BinaryTask.Test;
        bool differsFromWhiteBox = false;
        foreach (object?[] pair in pairs)
        {
            RunRecord source = Record((string)pair[0]!), target = Record((string)pair[1]!);
            double eps = (double)pair[2]!;
            int survived = 0, ambiguous = 0;
            for (int i = 0; i < test.Count; i++)
            {
                sbyte y = test.Labels[i];
                double[] x = AttackDirection.Perturb(source.Weights, test.Row(i), y, ThreatNorm.Linf, eps, clip: false);
                double f = target.Bias;
                for (int j = 0; j < x.Length; j++)
                {
                    f += target.Weights[j] * x[j];
                }
                survived += y * f > 0 ? 1 : 0;
                ambiguous += Math.Abs(f) < 1e-4 ? 1 : 0;
            }
            double accuracy = (double)pair[3]!;
            Assert.InRange(Math.Abs(accuracy - (double)survived / test.Count) * test.Count, 0, ambiguous + 1e-9);
            differsFromWhiteBox |= accuracy != target.CurveAccuracy[epsIndex];
        }
        Assert.True(differsFromWhiteBox, "a transferred attack should differ from the target's own white-box attack somewhere");
    }

    [Fact]
    public async Task Small_batches_of_weights_write_the_same_bytes()
    {
        string copy = Path.Combine(sweep.Root, "transfer-batches");
        SweepDirectories.CopyTables(sweep.SweepDirectory, copy, SweepTables.Runs);
        int curves = await TransferWriter.WriteAsync(copy, (n, p) => RobustGrid.Core.Data.BinaryTask.Create(sweep.Dataset, n, p).Test, runsPerBatch: 1);
        Assert.Equal(sweep.TransferCurves, curves);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sweep.SweepDirectory, TransferWriter.FileName)), File.ReadAllBytes(Path.Combine(copy, TransferWriter.FileName)));
        Assert.Empty(Directory.EnumerateFiles(copy, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_reports_matrix_is_the_mean_over_seeds_of_the_file()
    {
        var section = sweep.Report.Data.Sections.Single();
        double eps = section.TableEps[section.TableEps.Count / 2];
        string caption = sweep.Report.Figures.Single(f => f.FileName.EndsWith("-transfer.png", StringComparison.Ordinal)).Caption;
        Assert.Contains($"the mean over {StudySweepFixture.Seeds.Length} seeds (transfer.parquet", caption);
        var rows = Rows("SELECT source_mode, source_train_eps, target_mode, target_train_eps, avg(accuracy) FROM 'transfer.parquet' "
            + $"WHERE relation = 'same_seed' AND abs(attack_eps - {eps.ToString("R", CultureInfo.InvariantCulture)}) < 1e-9 GROUP BY ALL");
        Assert.Equal(Models * (Models - 1), rows.Count);
        foreach (object?[] row in rows)
        {
            string source = Label(row[0], row[1]), target = Label(row[2], row[3]);
            int at = caption.IndexOf($"against {source}: ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"no row for {source}");
            int end = caption.IndexOf(';', at);
            Assert.Contains($"{target} {Figures.Captions.Percent((double)row[4]!)}", caption[at..(end < 0 ? caption.Length : end)]);
        }
        foreach (object?[] row in Rows("SELECT source_mode, source_train_eps, avg(accuracy) FROM 'transfer.parquet' "
            + $"WHERE relation = 'cross_seed' AND abs(attack_eps - {eps.ToString("R", CultureInfo.InvariantCulture)}) < 1e-9 GROUP BY ALL"))
        {
            Assert.Contains($"{Label(row[0], row[1])} {Figures.Captions.Percent((double)row[2]!)}", caption[caption.IndexOf("next seed", StringComparison.Ordinal)..]);
        }
    }

    [Fact]
    public async Task Without_the_file_the_report_falls_back_to_the_median_seeds()
    {
        string copy = Path.Combine(sweep.Root, "no-transfer");
        SweepDirectories.CopyTables(sweep.SweepDirectory, copy);
        ReportOutcome report = await ReportWriter.WriteAsync(copy, Path.Combine(copy, "report"));
        string caption = report.Figures.Single(f => f.FileName.EndsWith("-transfer.png", StringComparison.Ordinal)).Caption;
        Assert.Contains("median seed", caption);
        Assert.DoesNotContain("transfer.parquet", caption);
    }

    private RunRecord Record(string runKey) => sweep.Records.Single(r => r.RunKey == runKey);

    private static string Label(object? mode, object? eps) => ModelKey.Of((string)mode!, (double?)eps).Label;


    private long Scalar(string sql) => Convert.ToInt64(Rows(sql)[0][0], CultureInfo.InvariantCulture);

    private List<object?[]> Rows(string sql) =>
        DuckDb.Rows(sql.Replace("'transfer.parquet'", DuckDb.File(sweep.SweepDirectory, TransferWriter.FileName))
            .Replace("'curves.parquet'", DuckDb.Table(sweep.SweepDirectory, SweepTables.Curves)));
}
