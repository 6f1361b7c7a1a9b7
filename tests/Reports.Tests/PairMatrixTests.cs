using System.Globalization;
using System.Text.RegularExpressions;
using RobustGrid.Results;
using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Rendering;
using SkiaSharp;

namespace RobustGrid.Reports.Tests;

/// <summary>A sweep over several class pairs: the pair matrix per model, its caption, and the overview that links every pair's section.</summary>
public sealed partial class PairMatrixTests(PairsSweepFixture sweep) : IClassFixture<PairsSweepFixture>
{
    [Fact]
    public void The_pair_matrix_decodes_at_its_size_and_varies()
    {
        FigureFile figure = Assert.Single(sweep.Report.Figures, f => f.FileName == "mnist-embedded-pairs-linf.png");
        using SKBitmap? bitmap = SKBitmap.Decode(Path.Combine(sweep.Report.Directory, figure.FileName));
        Assert.True(bitmap is not null, "the pair matrix does not decode");
        Assert.Equal((figure.Width, figure.Height), (bitmap.Width, bitmap.Height));
        // Two models side by side: two panels wide, one high.
        Assert.Equal((2 * (PairMatrixFigure.PanelSize + 80), PairMatrixFigure.PanelSize), (figure.Width, figure.Height));
        var colors = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                colors.Add((uint)bitmap.GetPixel(x, y));
            }
        }
        Assert.True(colors.Count > 50, $"only {colors.Count} colours");
    }

    [Fact]
    public async Task The_caption_names_each_models_most_and_least_robust_pair_and_median_as_the_parquet_aggregates()
    {
        string caption = sweep.Report.Figures.Single(f => f.FileName == "mnist-embedded-pairs-linf.png").Caption;
        Assert.Contains("(3 pairs;", caption);
        var rows = DuckDb.Rows($"SELECT mode, train_eps, negative_class, positive_class, avg(eps50) FROM {DuckDb.File(sweep.SweepDirectory, "runs.parquet")} "
                + "WHERE status = 'completed' AND eps50 IS NOT NULL GROUP BY ALL")
            .Select(r => (Label: ModelKey.Of((string)r[0]!, (double?)r[1]).Label, Negative: Convert.ToInt32(r[2], CultureInfo.InvariantCulture),
                Positive: Convert.ToInt32(r[3], CultureInfo.InvariantCulture), Eps50: Convert.ToDouble(r[4], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(6, rows.Count);
        foreach (var model in rows.GroupBy(r => r.Label))
        {
            var best = model.OrderByDescending(r => r.Eps50).ThenBy(r => r.Negative).ThenBy(r => r.Positive).First();
            var worst = model.OrderBy(r => r.Eps50).ThenBy(r => r.Negative).ThenBy(r => r.Positive).First();
            double median = model.Select(r => r.Eps50).Order().ElementAt(1);
            Assert.Contains($"{model.Key}: {best.Negative} vs {best.Positive} {Captions.Eps(best.Eps50)}, {worst.Negative} vs {worst.Positive} {Captions.Eps(worst.Eps50)}, median {Captions.Eps(median)}", caption);
        }
    }

    [Fact]
    public void The_overview_links_every_pairs_section_and_every_section_links_back()
    {
        string page = File.ReadAllText(sweep.Report.IndexFile);
        string[] ids = [.. Id().Matches(page).Select(m => m.Groups[1].Value)];
        string[] links = [.. Link().Matches(page).Select(m => m.Groups[1].Value)];
        Assert.Equal(["mnist-embedded-0v1-linf", "mnist-embedded-0v2-linf", "mnist-embedded-1v2-linf"], links.Where(l => l != "overview").Distinct());
        Assert.All(links, l => Assert.Contains(l, ids));
        Assert.Equal(3, links.Count(l => l == "overview"));
        Assert.True(page.IndexOf("id=\"overview\"", StringComparison.Ordinal) < page.IndexOf("id=\"mnist-embedded-0v1-linf\"", StringComparison.Ordinal));
        Assert.Contains("<table class=\"sections\">", page);
    }

    [Fact]
    public async Task The_page_with_its_overview_loads_in_headless_chromium_and_every_link_leads_somewhere()
    {
        string screenshot = Path.Combine(sweep.Root, "pairs-screenshot.png");
        string seen = await BrowserCheck.RunAsync(sweep.Report.IndexFile, screenshot);
        Assert.Contains($"\"loaded\":{sweep.Report.Figures.Count}", seen);
        // Three sections in the overview's table, and each section's link back to the overview.
        Assert.Contains("\"links\":6", seen);
        Assert.Contains("{\"id\":\"overview\",\"images\":1}", seen);
    }

    [GeneratedRegex("<section id=\"([^\"]+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("<a href=\"#([^\"]+)\"")]
    private static partial Regex Link();
}
