using System.Text.RegularExpressions;
using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Rendering;
using SkiaSharp;

namespace RobustGrid.Reports.Tests;

public sealed partial class ReportTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public void The_report_has_every_figure_of_the_study_and_the_page_shows_each()
    {
        string[] expected = ["curves", "weights", "wipe-out", "wipe-out-epochs", "fooling", "closest", "clean-errors", "eps-boxes", "logits", "training", "radius", "landscape", "transfer"];
        string page = File.ReadAllText(sweep.Report.IndexFile);
        foreach (string name in expected)
        {
            Assert.Contains(sweep.Report.Figures, f => f.FileName.EndsWith($"-{name}.png", StringComparison.Ordinal));
        }
        Assert.Contains(sweep.Report.Figures, f => f.FileName == "robust-hinge.png");
        Assert.Equal(expected.Length + 1, sweep.Report.Figures.Count);
        string[] shown = [.. ImageSource().Matches(page).Select(m => m.Groups[1].Value)];
        Assert.Equal(sweep.Report.Figures.Select(f => f.FileName).Order(), shown.Order());
        Assert.Contains("<table class=\"accuracy\">", page);
    }

    [Fact]
    public void Every_figure_decodes_at_its_intended_size_and_draws_more_than_axes()
    {
        int models = sweep.Report.Data.Sections.Single().Models.Count;
        foreach (FigureFile figure in sweep.Report.Figures)
        {
            using SKBitmap? bitmap = SKBitmap.Decode(Path.Combine(sweep.Report.Directory, figure.FileName));
            Assert.True(bitmap is not null, $"{figure.FileName} does not decode as an image");
            Assert.Equal((figure.Width, figure.Height), (bitmap.Width, bitmap.Height));
            using SKBitmap empty = FigureInk.EmptyAxes(figure.Width, figure.Height, models, sweep.Root);
            int data = FigureInk.DataPixels(bitmap), axesOnly = FigureInk.DataPixels(empty);
            // The empty figure's ink is its legend's colour swatches; data must add at least as much again (the radius figure's
            // few markers are the least, about 4 times it).
            Assert.True(data > 2 * axesOnly,
                $"{figure.FileName} shows {data} pixels of data ink; axes with a legend and no data show {axesOnly}");
        }
    }

    [Fact]
    public void The_accuracy_table_equals_the_parquet_aggregates()
    {
        var table = sweep.Report.Data.Sections.Single().Models.Count == 4
            ? AccuracyTable.Rows(sweep.Report.Data.Sections.Single())
            : throw new InvalidOperationException("the study has four models");
        var rows = DuckDb.Rows($"""
            SELECT mode, train_eps, count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
                   avg(train_accuracy), stddev_samp(train_accuracy), avg(test_accuracy), stddev_samp(test_accuracy)
            FROM {DuckDb.File(sweep.SweepDirectory, "runs.parquet")} GROUP BY ALL ORDER BY mode, train_eps NULLS FIRST
            """);
        string page = File.ReadAllText(sweep.Report.IndexFile);
        Assert.Equal(4, rows.Count);
        foreach (var (expected, row) in rows.Zip(table))
        {
            Assert.Equal((string)expected[0]!, RobustGrid.Core.Runs.EnumNames.Name(row.Model.Mode));
            Assert.Equal((double?)expected[1], row.Model.TrainEps);
            Assert.Equal((long)expected[2]!, row.Completed);
            Assert.Equal((long)expected[3]!, row.Failed);
            Assert.Equal((double)expected[4]!, row.TrainAccuracy.Mean, 12);
            Assert.Equal((double)expected[5]!, row.TrainAccuracy.Std, 12);
            Assert.Equal((double)expected[6]!, row.TestAccuracy.Mean, 12);
            Assert.Equal((double)expected[7]!, row.TestAccuracy.Std, 12);
            Assert.Contains($"<td>{row.Model.Label}</td><td>{row.Completed}</td><td>{row.Failed}</td><td>{ReportPage.Percent(row.TrainAccuracy)}</td><td>{ReportPage.Percent(row.TestAccuracy)}</td>", page);
        }
        Assert.Equal(1, table.Sum(r => r.Failed));
    }

    [Fact]
    public async Task The_page_loads_every_figure_in_headless_chromium_without_errors()
    {
        string screenshot = Path.Combine(sweep.Root, "report-screenshot.png");
        string seen = await BrowserCheck.RunAsync(sweep.Report.IndexFile, screenshot);
        Assert.Contains($"\"loaded\":{sweep.Report.Figures.Count}", seen);
        foreach (FigureFile figure in sweep.Report.Figures)
        {
            Assert.Contains($"\"{figure.FileName}\"", seen);
        }
        Assert.Contains("{\"id\":\"mnist-embedded-0v1-linf\",\"images\":13}", seen);
        using SKBitmap? shot = SKBitmap.Decode(screenshot);
        Assert.NotNull(shot);
        Assert.True(shot.Height > 1000, "the full-page screenshot should show the whole report");
    }

    [Fact]
    public void The_median_seed_is_the_run_nearest_the_median_curve_area()
    {
        foreach (var model in sweep.Report.Data.Sections.SelectMany(s => s.Models))
        {
            double[] areas = [.. model.Completed.Select(r => r.CurveArea!.Value).Order()];
            double median = areas[areas.Length / 2];   // three seeds: the middle one
            Assert.Equal(median, model.Representative!.CurveArea);
        }
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();
}
