using System.Globalization;
using System.Net;
using System.Text;
using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;

namespace RobustGrid.Reports;

/// <summary>index.html: every figure with its caption and the accuracy tables, self-contained (relative image paths, inline CSS, no scripts).</summary>
internal static class ReportPage
{
    public static string Render(ReportData data, ReportOptions options, IReadOnlyList<(ReportSection Section, IReadOnlyList<FigureFile> Figures, IReadOnlyList<string> Notes)> sections, FigureFile hinge,
        IReadOnlyList<FigureFile>? pairMatrices = null)
    {
        var html = new StringBuilder();
        int completed = data.Runs.Count(r => r.Completed);
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>RobustGrid report: {{E(data.SweepId)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1300px; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            figure { margin: 2em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { max-width: 900px; color: #444; }
            nav a { margin-right: 1em; }
            table.sections td { text-align: right; }
            table.sections td:first-child { text-align: left; }
            p.top { font-size: 0.9em; }
            </style>
            </head>
            <body>
            <h1>RobustGrid report: {{E(data.SweepId)}}</h1>
            <p>{{data.Runs.Count}} runs, {{completed}} completed, {{data.Runs.Count - completed}} failed; {{data.Sections.Sum(s => s.Models.Count)}} models in {{data.Sections.Count}} section(s). Each model is one trained configuration (mode, norm, training eps), aggregated over its seeds.</p>

            """);
        if (sections.Count > 1)
        {
            AppendOverview(html, sections.Select(s => s.Section).ToList(), pairMatrices ?? []);
        }
        foreach (var (section, figures, notes) in sections)
        {
            html.Append($"<section id=\"{section.Key.Slug}\">\n<h2>{E(section.Key.Title)}</h2>\n");
            if (sections.Count > 1)
            {
                html.Append("<p class=\"top\"><a href=\"#overview\">back to the overview of every section</a></p>\n");
            }
            AppendAccuracyTable(html, section, options);
            foreach (FigureFile figure in figures)
            {
                AppendFigure(html, figure);
            }
            foreach (string note in notes)
            {
                html.Append($"<p class=\"note\">{E(note)}</p>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("<section id=\"robust-hinge\">\n<h2>Background</h2>\n");
        AppendFigure(html, hinge);
        html.Append("</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// With several sections (class pairs, norms...): the class-pair matrices and one table row per section, linking to it,
    /// with each model's eps50; so that 45 pairs read as one table before the per-pair sections.
    /// </summary>
    private static void AppendOverview(StringBuilder html, IReadOnlyList<ReportSection> sections, IReadOnlyList<FigureFile> pairMatrices)
    {
        html.Append("<section id=\"overview\">\n<h2>Overview</h2>\n");
        foreach (FigureFile figure in pairMatrices)
        {
            AppendFigure(html, figure);
        }
        string[] labels = [.. sections.SelectMany(s => s.Models).Select(m => m.Key).DistinctBy(k => (k.Mode, k.TrainEps))
            .Order().Select(k => k.Label)];
        html.Append($"<h3>Sections</h3>\n<table class=\"sections\">\n<tr><th>section ({sections.Count})</th>");
        foreach (string label in labels)
        {
            html.Append($"<th>eps50 {E(label)}</th>");
        }
        html.Append("</tr>\n");
        foreach (ReportSection section in sections)
        {
            html.Append($"<tr><td><a href=\"#{section.Key.Slug}\">{E(section.Key.Title)}</a></td>");
            foreach (string label in labels)
            {
                ReportModel? model = section.Models.FirstOrDefault(m => m.Key.Label == label);
                html.Append($"<td>{E(model is null ? "" : Captions.Eps50(model) ?? "–")}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n<p>eps50: the attack radius where accuracy first falls below 50%, mean over the seeds that fall below it. Each section below holds its pair's figures.</p>\n</section>\n");
    }

    private static void AppendAccuracyTable(StringBuilder html, ReportSection section, ReportOptions options)
    {
        html.Append("<h3>Accuracy</h3>\n<table class=\"accuracy\">\n<tr><th>model</th><th>seeds</th><th>failed</th><th>clean train accuracy</th><th>clean test accuracy</th>");
        foreach (double eps in section.TableEps)
        {
            html.Append(string.Create(CultureInfo.InvariantCulture, $"<th>accuracy at eps {eps:0.###}</th>"));
        }
        html.Append("<th>eps50</th></tr>\n");
        foreach (AccuracyRow row in AccuracyTable.Rows(section))
        {
            html.Append($"<tr><td>{E(row.Model.Label)}</td><td>{row.Completed}</td><td>{row.Failed}</td><td>{Percent(row.TrainAccuracy)}</td><td>{Percent(row.TestAccuracy)}</td>");
            foreach (MeanStd attacked in row.AttackedAccuracy)
            {
                html.Append($"<td>{Percent(attacked)}</td>");
            }
            html.Append($"<td>{Plain(row.Eps50)}</td></tr>\n");
        }
        html.Append("</table>\n<p>Mean ± sample standard deviation over completed seeds. Accuracy under the exact worst-case attack ("
            + E(SectionKey.NormName(section.Key.Norm)) + ") is shown at "
            + (options.TableEps is null ? "the grid points nearest 20%, 40% and 60% of the attack grid" : "the radii asked for with --table-eps (moved to the nearest grid point)")
            + ". eps50 is the attack radius where accuracy first falls below 50% (seeds that never do are left out).</p>\n");
    }

    private static void AppendFigure(StringBuilder html, FigureFile figure) => html.Append(
        $"<figure>\n<img src=\"{E(figure.FileName)}\" width=\"{figure.Width}\" height=\"{figure.Height}\" alt=\"{E(figure.Title)}\">\n<figcaption><b>{E(figure.Title)}.</b> {E(figure.Caption)}</figcaption>\n</figure>\n");

    /// <summary>"99.53% ± 0.12%", as the table shows a mean and std of fractions.</summary>
    public static string Percent(MeanStd value) => value.Count == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{value.Mean * 100:0.00}% ± {value.Std * 100:0.00}%");

    private static string Plain(MeanStd value) => value.Count == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{value.Mean:0.000} ± {value.Std:0.000}");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
