namespace RobustGrid.Reports.Tests;

/// <summary>tests/browser/check-report.mjs on a report in headless Chromium: its output (what loaded, the sections, the links).</summary>
internal static class BrowserCheck
{
    public static async Task<string> RunAsync(string indexFile, string screenshot)
    {
        using var node = ChildProcess.Start("browser check", "node", [Repository.Path("tests", "browser", "check-report.mjs"), indexFile, screenshot]);
        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(120)), "the browser check did not finish within 120 s");
        Assert.True(node.ExitCode == 0, $"browser check exit {node.ExitCode}: {node.Output} (CI installs chromium and runs npm ci in tests/browser)");
        return node.Output;
    }
}
