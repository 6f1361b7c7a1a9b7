using RobustGrid.Reports.Model;
using RobustGrid.Results.Layout;

namespace RobustGrid.Reports.Tests;

/// <summary>
/// The study sweep committed as parts (two slices of its runs, each a part of every table) reads and reports as its
/// single files do; 'robustgrid results' and 'report' on a running sweep say how many runs are committed, and refuse a
/// corrupt manifest in one line.
/// </summary>
public sealed class PartsLayoutTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public async Task The_report_data_of_the_parts_is_that_of_the_single_files()
    {
        string parts = await PartsAsync("parts-report-data");
        ReportData single = await ReportData.LoadAsync(sweep.SweepDirectory, new ReportOptions());
        ReportData fromParts = await ReportData.LoadAsync(parts, new ReportOptions());

        Assert.Equal(single.SweepId, fromParts.SweepId);
        Assert.Equal(single.Runs.Select(r => r.RunKey), fromParts.Runs.Select(r => r.RunKey));
        Assert.Equal(sweep.Records.Count, fromParts.Runs.Count);
        ReportModel[] expected = [.. single.Sections.SelectMany(s => s.Models)], actual = [.. fromParts.Sections.SelectMany(s => s.Models)];
        Assert.Equal(expected.Length, actual.Length);
        for (int m = 0; m < expected.Length; m++)
        {
            Assert.Equal(expected[m].Representative?.RunKey, actual[m].Representative?.RunKey);
            Assert.Equal(expected[m].RepresentativeWeights, actual[m].RepresentativeWeights);
            Assert.Equal(expected[m].TableAccuracy, actual[m].TableAccuracy);
            Assert.Equal(expected[m].RepresentativeCurve.Select(p => (p.EpsIndex, p.RobustAccuracy)), actual[m].RepresentativeCurve.Select(p => (p.EpsIndex, p.RobustAccuracy)));
            Assert.Equal(expected[m].Fooled.Select(f => (f.EpsIndex, f.Rank, f.SampleIndex, Convert.ToHexString(f.Image))),
                actual[m].Fooled.Select(f => (f.EpsIndex, f.Rank, f.SampleIndex, Convert.ToHexString(f.Image))));
        }
        Assert.Contains(actual, m => m.Fooled.Count > 0);
    }

    [Fact]
    public async Task Results_of_a_running_sweep_show_its_committed_runs_and_say_how_many_of_all()
    {
        string parts = await PartsAsync("parts-running");
        SweepManifest.Of(StudySweepFixture.SweepId, total: 20_000, committedParts: 2, complete: false).Write(parts);

        (int singleExit, string singleOutput) = await RunAsync("results", sweep.SweepDirectory);
        (int exitCode, string output) = await RunAsync("results", parts);

        Assert.Equal((0, 0), (singleExit, exitCode));
        Assert.DoesNotContain("Running:", singleOutput);
        Assert.StartsWith($"Running: {2 * SweepTables.RunsPerPart:N0} of 20,000 runs committed (the table shows those)", output);
        // The table below the line is the one of the same runs in single files.
        Assert.Equal(singleOutput, output[(output.IndexOf('\n') + 1)..]);
    }

    [Fact]
    public async Task A_finished_sweep_of_parts_prints_its_table_without_the_running_line()
    {
        string parts = await PartsAsync("parts-finished");
        SweepManifest.Of(StudySweepFixture.SweepId, total: sweep.Records.Count, committedParts: 2, complete: true).Write(parts);
        File.WriteAllText(Path.Combine(parts, Results.SweepJsonFile.Name), "{}");

        (int exitCode, string output) = await RunAsync("results", parts);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Running:", output);
        Assert.Contains("regular", output);
    }

    [Fact]
    public async Task The_report_of_a_running_sweep_says_how_many_runs_it_shows()
    {
        string parts = await PartsAsync("parts-report");
        new SweepManifest(SweepManifest.CurrentFormat, StudySweepFixture.SweepId, 20, SweepTables.RunsPerPart, 2, sweep.Records.Count, false).Write(parts);

        (int exitCode, string output) = await RunAsync("report", parts);

        Assert.Equal(0, exitCode);
        Assert.Contains($"Running: {sweep.Records.Count} of 20 runs committed (the report shows those)", output);
        Assert.Contains($"for {sweep.Records.Count} runs", output);
        Assert.True(File.Exists(Path.Combine(parts, "report", ReportWriter.IndexFile)));
    }

    [Theory]
    [InlineData("results", "{ not json")]
    [InlineData("report", "{ not json")]
    [InlineData("results", """{"format": 99, "sweep_id": "x", "total_runs": 1, "runs_per_part": 1024, "committed_parts": 0, "committed_runs": 0, "complete": false, "updated_at": "2025-01-01T00:00:00Z"}""")]
    public async Task A_corrupt_manifest_exits_with_2_and_one_line(string command, string manifest)
    {
        string parts = await PartsAsync($"parts-corrupt-{command}-{manifest.Length}");
        File.WriteAllText(Path.Combine(parts, SweepManifest.FileName), manifest);

        (int exitCode, string output) = await RunAsync(command, parts);

        Assert.Equal(2, exitCode);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error:", line);
        Assert.Contains(SweepManifest.FileName, line);
        Assert.False(Directory.Exists(Path.Combine(parts, "report")));
    }

    [Fact]
    public async Task A_directory_without_the_summary_tables_is_refused_naming_them()
    {
        string empty = Directory.CreateDirectory(Path.Combine(sweep.Root, "no-tables")).FullName;

        (int exitCode, string output) = await RunAsync("results", empty);

        Assert.Equal(2, exitCode);
        Assert.Contains("it needs runs and curves tables", output);
    }

    /// <summary>The fixture's runs written again as two parts of every table under <paramref name="name"/>.</summary>
    private async Task<string> PartsAsync(string name)
    {
        string directory = Path.Combine(sweep.Root, name);
        var samples = new Grains.Data.TaskCache();
        await PartsLayout.WriteAsync(directory, StudySweepFixture.SweepId, sweep.Records,
            (run, i) => samples.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
        Assert.False(SweepTables.IsSingleFileLayout(directory));
        return directory;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using ChildProcess cli = ChildProcess.Start("robustgrid", "dotnet", [Repository.BuiltAssembly("Client", "robustgrid.dll"), .. args]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"robustgrid {string.Join(' ', args)} did not end within 2 minutes: {cli.Output}");
        return (cli.ExitCode, cli.Output);
    }
}
