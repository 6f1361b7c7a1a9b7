using System.Text.RegularExpressions;
using RobustGrid.Cluster.Tests.Faults;
using RobustGrid.Cluster.Tests.Processes;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Local;

/// <summary>
/// The CLI as a real child process on its in-process silo, stopped mid-sweep (kill -9, Ctrl+C) and run again: the
/// rerun trains only what was not stored, and its files equal those of an uninterrupted sweep of the same spec.
/// runs.parquet is compared without its two execution columns, silo (a local silo's address has a random port) and
/// duration_seconds (wall-clock time); the other four files and sweep.json are compared byte for byte.
/// </summary>
[Trait("Category", "Faults")]
public sealed partial class LocalSweepTests(ITestOutputHelper log) : IDisposable
{
    private const int Total = 30;
    // Four runs in flight: the silo trains them in groups of at most four (two per core), so runs are stored a few at a
    // time and a stop lands mid-sweep; by default all 30 would train in two groups and finish together.
    private static readonly string[] _spec = ["sweep", "--seeds", "1..15", "--eps", "0.1", "--epochs", "2000", "--concurrency", "4"];
    private static readonly TimeSpan _finish = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim _referenceOnce = new(1, 1);
    private static string? _reference;

    private readonly TempDirectory _root = new("local");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Kill_9_mid_sweep_then_the_same_command_trains_only_the_rest_and_a_second_cli_meanwhile_is_refused()
    {
        string results = Path.Combine(_root.Path, "results");
        using (ChildProcess first = Cli("first", results))
        {
            await WaitForStoredRunsAsync(first, results, 5);
            using ChildProcess second = Cli("second", results);
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromMinutes(1)), "the second CLI did not end");
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("is being run by another robustgrid process", second.Output);
            Assert.False(first.HasExited, $"the first CLI ended while the second was refused: {first.Output}");
            first.KillHard();
        }
        Dictionary<string, DateTime> stored = StoredRuns(results);
        Assert.InRange(stored.Count, 5, Total - 1);

        // The dead process's lock does not block; its hidden files are removed.
        using ChildProcess rerun = Cli("rerun", results);
        Assert.True(await rerun.WaitForExitAsync(_finish), $"the rerun did not finish: {rerun.Output}");
        log.WriteLine(rerun.Output);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"Resuming: {stored.Count} of {Total} runs already done, {Total - stored.Count} to run.", rerun.Output);
        await AssertTrainedOnlyTheRestAsync(stored, results);
    }

    [Fact]
    public async Task Ctrl_C_mid_sweep_exits_130_with_the_command_that_resumes_it()
    {
        string results = Path.Combine(_root.Path, "results");
        string command;
        using (ChildProcess first = Cli("first", results))
        {
            await WaitForStoredRunsAsync(first, results, 5);
            first.Interrupt();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the CLI did not stop within 30 s of Ctrl+C: {first.Output}");
            log.WriteLine(first.Output);
            Assert.Equal(130, first.ExitCode);
            command = Assert.Single(ResumeLine().Matches(first.Output)).Groups[1].Value;
        }
        Dictionary<string, DateTime> stored = StoredRuns(results);
        Assert.InRange(stored.Count, 5, Total - 1);
        string sweepId = Path.GetFileName(await ReferenceAsync());
        // A clean stop leaves no hidden temporary files (kill -9 does; the rerun removes them).
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(results, sweepId)), f => Path.GetFileName(f).StartsWith('.'));
        Assert.Equal($"sweep --attach {sweepId} --results {results}", command);

        using ChildProcess resumed = ChildProcess.Start("resumed", "dotnet", [BuildOutput.Cli, .. command.Split(' ')]);
        Assert.True(await resumed.WaitForExitAsync(_finish), $"the resumed sweep did not finish: {resumed.Output}");
        log.WriteLine(resumed.Output);
        Assert.Equal(0, resumed.ExitCode);
        await AssertTrainedOnlyTheRestAsync(stored, results);
    }

    [Fact]
    public async Task A_second_Ctrl_C_exits_at_once_and_loses_nothing_stored()
    {
        string results = Path.Combine(_root.Path, "results");
        // Runs of 40,000 epochs take seconds each: a clean stop would wait for the ones in flight.
        using ChildProcess cli = ChildProcess.Start("cli", "dotnet", [BuildOutput.Cli, "sweep", "--seeds", "1..4", "--modes", "regular", "--epochs", "40000", "--results", results]);
        await WaitForStoredRunsAsync(cli, results, 1);
        Dictionary<string, DateTime> stored = StoredRuns(results);

        cli.Interrupt();
        await Task.Delay(200);
        cli.Interrupt();

        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(3)), $"the CLI did not exit within 3 s of a second Ctrl+C: {cli.Output}");
        Assert.Equal(130, cli.ExitCode);
        Assert.All(stored, run => Assert.Equal(run.Value, StoredRuns(results)[run.Key]));
    }

    [GeneratedRegex("resume with: robustgrid (.+)$", RegexOptions.Multiline)]
    private static partial Regex ResumeLine();

    private async Task AssertTrainedOnlyTheRestAsync(Dictionary<string, DateTime> storedBefore, string results)
    {
        Dictionary<string, DateTime> stored = StoredRuns(results);
        Assert.Equal(Total, stored.Count);
        // A run trained again would have written its state again: the counter of what the rerun trained.
        Assert.All(storedBefore, run => Assert.Equal(run.Value, stored[run.Key]));
        string reference = await ReferenceAsync();
        string directory = Path.Combine(results, Path.GetFileName(reference));
        Assert.DoesNotContain(Directory.GetFiles(directory), f => Path.GetFileName(f).StartsWith('.'));
        AssertSameResults(reference, directory);
    }

    private static void AssertSameResults(string expected, string actual)
    {
        foreach (string file in new[] { "curves.parquet", "epochs.parquet", "misclassified.parquet", "samples.parquet", "sweep.json" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs from the uninterrupted sweep's");
        }
        string a = DuckDb.File(expected, "runs.parquet"), b = DuckDb.File(actual, "runs.parquet");
        Assert.Equal(Total, DuckDb.Scalar($"SELECT count(*) FROM {b}"));
        Assert.Equal(Total, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {b}"));
        Assert.Equal(Total * 101, DuckDb.Scalar($"SELECT count(DISTINCT (run_key, eps_index)) FROM {DuckDb.File(actual, "curves.parquet")}"));
        const string Columns = "* EXCLUDE (silo, duration_seconds)";
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM (SELECT {Columns} FROM {a} EXCEPT ALL SELECT {Columns} FROM {b})"));
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM (SELECT {Columns} FROM {b} EXCEPT ALL SELECT {Columns} FROM {a})"));
    }

    /// <summary>The uninterrupted sweep of the same spec, run once for all tests in its own results root (the default id does not depend on it).</summary>
    private async Task<string> ReferenceAsync()
    {
        await _referenceOnce.WaitAsync();
        try
        {
            if (_reference is null)
            {
                // Kept for every test of the run: deleted when the process exits.
                var root = new TempDirectory("local-reference");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Dispose();
                string results = Path.Combine(root.Path, "results");
                using ChildProcess cli = Cli("reference", results);
                Assert.True(await cli.WaitForExitAsync(_finish), $"the reference sweep did not finish: {cli.Output}");
                Assert.Equal(0, cli.ExitCode);
                _reference = Directory.GetDirectories(results).Single(d => Path.GetFileName(d) != ".state");
            }
            return _reference;
        }
        finally
        {
            _referenceOnce.Release();
        }
    }

    private static ChildProcess Cli(string name, string results) => ChildProcess.Start(name, "dotnet", [BuildOutput.Cli, .. _spec, "--results", results]);

    private static async Task WaitForStoredRunsAsync(ChildProcess cli, string results, int count)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (StoredRuns(results).Count < count)
        {
            Assert.False(cli.HasExited, $"the CLI ended before {count} runs were stored: {cli.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{count} runs were not stored within a minute: {cli.Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>The run states under the results' .state, by file, with their last write times.</summary>
    private static Dictionary<string, DateTime> StoredRuns(string results)
    {
        string directory = Path.Combine(results, ".state", "run");
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.bin", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc)
            : [];
    }
}
