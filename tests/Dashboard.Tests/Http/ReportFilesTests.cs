using RobustGrid.Dashboard.Http;

namespace RobustGrid.Dashboard.Tests.Http;

/// <summary>Which names of a report's files are served: plain names of report file kinds, directly in the report folder.</summary>
[Trait("Category", "Unit")]
public sealed class ReportFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new("dashboard-report");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("../secret.html")]
    [InlineData("..")]
    [InlineData("..\\secret.html")]
    [InlineData("/tmp/secret.html")]
    [InlineData(".hidden.html")]
    [InlineData("secret.txt")]
    [InlineData("sub/figure.png")]
    [InlineData("missing.png")]
    public void Other_names_are_refused(string name)
    {
        string report = Path.Combine(_dir.Path, "report");
        Directory.CreateDirectory(Path.Combine(report, "sub"));
        File.WriteAllText(Path.Combine(_dir.Path, "secret.html"), "x");
        File.WriteAllText(Path.Combine(report, ".hidden.html"), "x");
        File.WriteAllText(Path.Combine(report, "secret.txt"), "x");
        File.WriteAllText(Path.Combine(report, "sub", "figure.png"), "x");
        Assert.False(ReportFiles.TryResolve(report, name, out _, out _));
    }

    [Fact]
    public void A_figure_of_the_report_is_served_as_png()
    {
        string report = Path.Combine(_dir.Path, "report");
        Directory.CreateDirectory(report);
        File.WriteAllBytes(Path.Combine(report, "robustness-curves.png"), [1]);
        Assert.True(ReportFiles.TryResolve(report, "robustness-curves.png", out string path, out string type));
        Assert.Equal((Path.Combine(report, "robustness-curves.png"), "image/png"), (path, type));
    }
}
