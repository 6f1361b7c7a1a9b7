using RobustGrid.Client;

namespace RobustGrid.Reports.Tests;

/// <summary>robustgrid report: exit codes, refusal to overwrite what is not a report, and no half-written output.</summary>
public sealed class ReportCommandTests(StudySweepFixture sweep) : IClassFixture<StudySweepFixture>
{
    [Fact]
    public async Task A_missing_directory_or_missing_files_exit_with_2()
    {
        Assert.Equal(2, await CliApp.InvokeAsync(["report", Path.Combine(sweep.Root, "no-such-sweep")]));
        string partial = Directory.CreateDirectory(Path.Combine(sweep.Root, "partial")).FullName;
        File.Copy(Path.Combine(sweep.SweepDirectory, "runs.parquet"), Path.Combine(partial, "runs.parquet"));
        Assert.Equal(2, await CliApp.InvokeAsync(["report", partial]));
        Assert.False(Directory.Exists(Path.Combine(partial, "report")));
    }

    [Fact]
    public async Task A_corrupt_parquet_file_exits_with_2_and_writes_nothing()
    {
        string corrupt = Directory.CreateDirectory(Path.Combine(sweep.Root, "corrupt")).FullName;
        foreach (string file in Directory.GetFiles(sweep.SweepDirectory, "*.parquet"))
        {
            File.Copy(file, Path.Combine(corrupt, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(corrupt, "curves.parquet"), "not parquet");
        Assert.Equal(2, await CliApp.InvokeAsync(["report", corrupt]));
        Assert.Equal(["curves.parquet", "epochs.parquet", "misclassified.parquet", "runs.parquet", "samples.parquet", "transfer.parquet"], Directory.GetFileSystemEntries(corrupt).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_corrupt_transfer_file_exits_with_2_and_writes_no_report()
    {
        string corrupt = Directory.CreateDirectory(Path.Combine(sweep.Root, "corrupt-transfer")).FullName;
        foreach (string file in Directory.GetFiles(sweep.SweepDirectory, "*.parquet"))
        {
            File.Copy(file, Path.Combine(corrupt, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(corrupt, "transfer.parquet"), "not parquet");
        Assert.Equal(2, await CliApp.InvokeAsync(["report", corrupt]));
        Assert.False(Directory.Exists(Path.Combine(corrupt, "report")));
        Assert.Empty(Directory.GetDirectories(corrupt));
    }

    [Fact]
    public async Task A_sweep_of_the_older_layout_is_refused_with_one_line_that_says_to_rerun_it()
    {
        string old = Directory.CreateDirectory(Path.Combine(sweep.Root, "older-layout")).FullName;
        foreach (string file in new[] { "runs.parquet", "curves.parquet", "epochs.parquet" })
        {
            File.Copy(Path.Combine(sweep.SweepDirectory, file), Path.Combine(old, file));
        }
        // An image in every misclassified row and no samples.parquet: what RobustGrid wrote before the sample table.
        await OlderLayout.WriteMisclassifiedAsync(old, await Results.SweepResultsReader.ReadMisclassifiedAsync(sweep.SweepDirectory),
            m => sweep.Dataset.Test.Row(m.SampleIndex).ToArray());

        var refused = await Assert.ThrowsAsync<ReportInputException>(() => ReportWriter.WriteAsync(old, Path.Combine(old, "report")));

        Assert.Contains("written by an older RobustGrid", refused.Message);
        Assert.Contains("rerun the sweep", refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(2, await CliApp.InvokeAsync(["report", old]));
        Assert.False(Directory.Exists(Path.Combine(old, "report")));
    }

    [Fact]
    public async Task A_missing_samples_file_exits_with_2()
    {
        string partial = Directory.CreateDirectory(Path.Combine(sweep.Root, "no-samples")).FullName;
        foreach (string file in new[] { "runs.parquet", "curves.parquet", "epochs.parquet", "misclassified.parquet" })
        {
            File.Copy(Path.Combine(sweep.SweepDirectory, file), Path.Combine(partial, file));
        }
        var refused = await Assert.ThrowsAsync<ReportInputException>(() => ReportWriter.WriteAsync(partial, Path.Combine(partial, "report")));
        Assert.Contains("samples.parquet is missing", refused.Message);
        Assert.Equal(2, await CliApp.InvokeAsync(["report", partial]));
    }

    [Fact]
    public async Task It_refuses_to_replace_a_directory_that_is_not_a_report()
    {
        string foreign = Directory.CreateDirectory(Path.Combine(sweep.Root, "thesis")).FullName;
        File.WriteAllText(Path.Combine(foreign, "chapter1.tex"), "precious");

        Assert.Equal(2, await CliApp.InvokeAsync(["report", sweep.SweepDirectory, "--out", foreign]));

        Assert.Equal("precious", File.ReadAllText(Path.Combine(foreign, "chapter1.tex")));
        Assert.Single(Directory.GetFileSystemEntries(foreign));
    }

    [Fact]
    public async Task It_writes_a_report_and_replaces_an_earlier_one_leaving_no_temporary_directory()
    {
        string target = Path.Combine(sweep.Root, "out", "report");
        Assert.Equal(0, await CliApp.InvokeAsync(["report", sweep.SweepDirectory, "--out", target]));
        File.WriteAllText(Path.Combine(target, "stale.png"), "from an earlier report");

        Assert.Equal(0, await CliApp.InvokeAsync(["report", sweep.SweepDirectory, "--out", target]));

        Assert.True(File.Exists(Path.Combine(target, ReportWriter.IndexFile)));
        Assert.False(File.Exists(Path.Combine(target, "stale.png")));
        Assert.Equal(["report"], Directory.GetFileSystemEntries(Path.Combine(sweep.Root, "out")).Select(Path.GetFileName));
    }
}
