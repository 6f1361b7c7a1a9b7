using System.Text.Json;
using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Dashboard;

/// <summary>
/// <c>robustgrid dashboard --gateway</c> over three real silo processes and a real redis-server: while headless Chromium
/// watches the page (tests/browser/check-dashboard.mjs), the coordinator's silo is killed (kill -9) mid-sweep; the page
/// keeps updating (the progress comes from the coordinator again once it resumes on another silo), draws the curves and
/// ends "complete".
/// </summary>
[Trait("Category", "Faults")]
public sealed class ClusterDashboardTests(ITestOutputHelper log)
{
    private const string Id = "dashboard-kill";

    [Fact]
    public async Task The_page_keeps_updating_when_the_coordinators_silo_is_killed()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync(3, log);
        Directory.CreateDirectory(cluster.Results);
        using ChildProcess dashboard = ChildProcess.Start("robustgrid dashboard", "dotnet",
            [BuildOutput.Cli, "dashboard", "--results", cluster.Results, "--gateway", cluster.Gateways, "--cluster-id", cluster.ClusterId]);
        Uri page = await PageUrlAsync(dashboard);

        // 1,000 runs: a part of 512 is committed mid-sweep, so curves are drawn before the end.
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(1, 250).Select(i => (long)i)], Epochs = 300 };
        ISweepGrain sweep = cluster.Client.GetGrain<ISweepGrain>(Id);
        SweepProgress p = await ClusterCall.UntilAnsweredAsync(() => sweep.StartAsync(spec), TimeSpan.FromMinutes(2), CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Uri api = new(page, $"api/sweeps/{Id}");
        await UntilAsync(async () => (await http.GetAsync(api)).IsSuccessStatusCode, TimeSpan.FromMinutes(2), "the sweep's folder on the page");

        string screenshot = Path.Combine(cluster.Root, "dashboard.png");
        using ChildProcess browser = ChildProcess.Start("dashboard check", "node",
            [Repository.Path("tests", "browser", "check-dashboard.mjs"), new Uri(page, "#" + Id).ToString(), screenshot, "420", "resets"]);

        // The kill comes once the page has shown runs done.
        await UntilAsync(() => Task.FromResult(Samples(browser.Output).Any(s => s.Done > 0 && s.Phase == "running")), TimeSpan.FromMinutes(3), "the page showing runs done");
        // Each silo's share: the page's API names the silos that trained runs, each with its rate.
        await UntilAsync(async () =>
        {
            using JsonDocument json = JsonDocument.Parse(await http.GetStringAsync(api));
            return json.RootElement.GetProperty("status").TryGetProperty("silos", out JsonElement silos) && silos.ValueKind == JsonValueKind.Array
                && silos.EnumerateArray().Count(s => s.GetProperty("completed").GetInt32() > 0 && s.GetProperty("runsPerSecond").ValueKind == JsonValueKind.Number) >= 2;
        }, TimeSpan.FromMinutes(3), "two or more silos, each with runs and a rate");
        p = await cluster.WaitAsync(sweep, x => x.Completed >= 100, TimeSpan.FromMinutes(4));
        Assert.False(p.IsFinished, $"the sweep finished before the fault could be injected: {p}");
        SiloProcess victim = cluster.CoordinatorOf(p);
        victim.Process.KillHard();
        int doneAtKill = p.Completed, seenAtKill = Samples(browser.Output).Count;
        log.WriteLine($"killed the coordinator's {victim.Process.Name} at {p.Completed}/{p.Total}");

        // The page's own API says so too: its coordinator answers again, on another silo, with more runs done.
        await UntilAsync(async () =>
        {
            using JsonDocument json = JsonDocument.Parse(await http.GetStringAsync(api));
            JsonElement status = json.RootElement.GetProperty("status");
            return status.GetProperty("source").GetString() == "cluster" && status.GetProperty("done").GetInt32() > doneAtKill
                && !victim.Is(status.GetProperty("coordinator").GetString());
        }, TimeSpan.FromMinutes(4), "progress from the resumed coordinator");

        Assert.True(await browser.WaitForExitAsync(TimeSpan.FromMinutes(8)), $"the dashboard check did not finish: {browser.Output}");
        log.WriteLine(browser.Output);
        Assert.True(browser.ExitCode == 0, $"dashboard check exit {browser.ExitCode}: {browser.Output}{Environment.NewLine}{cluster.Describe()}");
        // After the kill the page went on: several more done counts, the last of them every run, complete.
        var after = Samples(browser.Output).Skip(seenAtKill).ToList();
        Assert.True(after.Select(s => s.Done).Distinct().Count() >= 2, $"the page showed {after.Count} states after the kill: {browser.Output}");
        Assert.Equal((1000, "complete"), (after[^1].Done, after[^1].Phase));
        // The page drew the per-silo table: the check's summary says how many silos it showed with a rate.
        using JsonDocument summary = JsonDocument.Parse(browser.Output.Split('\n').Last(l => l.StartsWith("{\"phase\"", StringComparison.Ordinal)));
        Assert.True(summary.RootElement.GetProperty("mostSilos").GetInt32() >= 2, $"the page's silo table: {browser.Output}");
    }

    /// <summary>The states the browser check printed ("sample {...}" lines), in order.</summary>
    private static List<(int Done, string Phase)> Samples(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith("sample ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["sample ".Length..]).RootElement)
            .Select(e => (int.TryParse(e.GetProperty("done").GetString()!.Split(' ')[0], out int d) ? d : -1, e.GetProperty("phase").GetString()!))];

    private static async Task<Uri> PageUrlAsync(ChildProcess dashboard)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            int at = dashboard.Output.IndexOf("Dashboard: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                string rest = dashboard.Output[(at + "Dashboard: ".Length)..];
                return new Uri(rest[..rest.IndexOfAny(['\r', '\n'])].Trim());
            }
            Assert.False(dashboard.HasExited, $"robustgrid dashboard ended: {dashboard.Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"robustgrid dashboard printed no URL within a minute: {dashboard.Output}");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                last = e;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}{(last is null ? "" : $" (last error: {last.Message})")}");
    }
}
