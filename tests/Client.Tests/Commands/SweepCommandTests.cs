using RobustGrid.Results.Layout;

namespace RobustGrid.Client.Tests.Commands;

/// <summary>The sweep command end to end on its in-process silo.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli");

    public void Dispose() => _dir.Dispose();

    /// <summary>The results root: not there until the CLI makes it, as on a first sweep.</summary>
    private string Results => Path.Combine(_dir.Path, "results");

    [Fact]
    public async Task A_small_sweep_writes_its_files_and_a_second_call_runs_nothing()
    {
        string[] args = ["sweep", "--seeds", "1..2", "--eps", "0.1", "--results", Results];

        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        string sweep = Assert.Single(Directory.GetDirectories(Results), d => Path.GetFileName(d) != ".state");
        // The in-process silo keeps only the sweep's state beside it: runs are kept in the committed parts.
        Assert.Empty(StateFiles("run"));
        Assert.Single(StateFiles("sweep"));
        string[] files = Directory.GetFiles(sweep).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["manifest.json", "sweep.json"], files);
        Assert.All(SweepTables.All, table => Assert.Single(SweepTables.Files(sweep, table)));
        DateTime written = File.GetLastWriteTimeUtc(SweepTables.Files(sweep, SweepTables.Runs)[0]);

        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        Assert.Equal(written, File.GetLastWriteTimeUtc(SweepTables.Files(sweep, SweepTables.Runs)[0]));
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(["results", sweep]));
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(["status", Path.GetFileName(sweep), "--results", Results]));
    }

    [Fact]
    public async Task A_sweep_with_transfer_writes_transfer_parquet_and_names_it_in_sweep_json()
    {
        string[] args = ["sweep", "--seeds", "1..2", "--eps", "0.1", "--epochs", "1", "--transfer", "--results", Results];

        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        string sweep = Assert.Single(Directory.GetDirectories(Results), d => Path.GetFileName(d) != ".state");
        string[] files = Directory.GetFiles(sweep).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["manifest.json", "sweep.json", "transfer.parquet"], files);
        Assert.Contains("\"transfer\":true", File.ReadAllText(Path.Combine(sweep, "sweep.json")), StringComparison.Ordinal);
        // 2 seeds x (2 models x 2 + 2 cross-seed) curves of 101 radii.
        await using (var reader = await Parquet.ParquetReader.CreateAsync(Path.Combine(sweep, "transfer.parquet")))
        {
            Assert.Equal(2 * 6 * 101L, Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.OpenRowGroupReader(g).RowCount));
        }
        DateTime written = File.GetLastWriteTimeUtc(Path.Combine(sweep, "transfer.parquet"));
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(sweep, "transfer.parquet")));
    }

    [Theory]
    [InlineData("--pairs", "all", "--transfer", "--modes", "regular", "--seeds", "1")]
    [InlineData("--pairs", "all", "--seeds", "1..10000")]
    [InlineData("--pairs", "all,3")]
    public async Task Pairs_all_and_transfer_are_validated_before_anything_runs(params string[] flags)
    {
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", .. flags, "--results", Results]));
        Assert.False(Directory.Exists(Results) && Directory.GetDirectories(Results).Any(d => Path.GetFileName(d) != ".state"), "nothing is written");
    }

    [Fact]
    public async Task A_finished_sweep_asked_again_after_its_files_were_deleted_trains_its_runs_again_to_the_same_results()
    {
        string[] args = ["sweep", "--seeds", "1..2", "--modes", "regular", "--epochs", "1", "--id", "kept", "--results", Results];
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        string sweep = Path.Combine(Results, "kept");
        const string Science = "SELECT * EXCLUDE (silo, duration_seconds) FROM {0} ORDER BY run_key";
        List<object?[]> before = DuckDb.Rows(string.Format(Science, DuckDb.Table(sweep, SweepTables.Runs)));
        Directory.Delete(sweep, recursive: true);

        // A new process, so a new silo: the committed parts were the only copy of these runs.
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));

        Assert.True(SweepTables.Exists(sweep, SweepTables.Runs), "the sweep's files were not written again");
        List<object?[]> after = DuckDb.Rows(string.Format(Science, DuckDb.Table(sweep, SweepTables.Runs)));
        Assert.Equal(2, after.Count);
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First, pair.Second));
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(["results", sweep]));
    }

    [Theory]
    [InlineData("--modes", "adversarial")]
    [InlineData("--eps", "-1")]
    [InlineData("--seeds", "x")]
    [InlineData("--pairs", "0,11")]
    [InlineData("--id", "../escape")]
    [InlineData("--gateway", "nohost")]
    public async Task Bad_sweeps_exit_with_2_and_write_nothing(string flag, string value)
    {
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", flag, value, "--results", Results]));
        Assert.False(Directory.Exists(Results) && Directory.EnumerateFileSystemEntries(Results).Any(), "nothing may be written for a bad sweep");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public async Task Ctrl_C_while_the_sweep_starts_exits_130_and_writes_nothing(int afterMilliseconds)
    {
        // Cancelled before the command runs, or while it loads the dataset and its silo starts.
        using var ctrlC = new CancellationTokenSource();
        ctrlC.CancelAfter(afterMilliseconds);

        Assert.Equal(ExitCodes.Interrupted, await CliApp.InvokeAsync(["sweep", "--seeds", "1..200", "--results", Results], ctrlC.Token));
        // Only the sweep's lock file, which another process may take at once.
        string[] written = Directory.Exists(Results) ? Directory.GetFiles(Results, "*", SearchOption.AllDirectories) : [];
        Assert.All(written, f => Assert.EndsWith(".lock", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_of_a_missing_directory_exit_with_2()
    {
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["results", Path.Combine(Results, "nope")]));
    }

    /// <summary>The state files of one state name ("run", "sweep") under the results' hidden .state directory, sorted.</summary>
    private string[] StateFiles(string stateName)
    {
        string directory = Path.Combine(Results, ".state", stateName);
        return Directory.Exists(directory) ? [.. Directory.GetFiles(directory, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];
    }
}
