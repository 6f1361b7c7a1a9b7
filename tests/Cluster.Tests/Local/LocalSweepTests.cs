using System.Text.RegularExpressions;
using RobustGrid.Cluster.Tests.Faults;
using RobustGrid.Cluster.Tests.Processes;
using RobustGrid.Results.Layout;
using Xunit.Abstractions;

namespace RobustGrid.Cluster.Tests.Local;

/// <summary>
/// The CLI as a real child process on its in-process silo, stopped mid-sweep (kill -9, Ctrl+C) once its first part is
/// committed, and run again: the rerun keeps the committed part untouched, trains only the rest, and its tables equal
/// those of an uninterrupted sweep of the same spec. The runs table is compared without its two execution columns,
/// silo (a local silo's address has a random port) and duration_seconds (wall-clock time); the other tables' parts
/// and sweep.json are compared byte for byte.
/// </summary>
[Trait("Category", "Faults")]
public sealed partial class LocalSweepTests(ITestOutputHelper log) : IDisposable
{
    private const int Total = 800;
    // Two parts (512 + 288 runs); 1,000 epochs make the sweep take half a minute, so a stop lands after the first commit
    // with seconds to spare for the checks made while the CLI runs.
    private static readonly string[] _spec = ["sweep", "--seeds", "1..400", "--eps", "0.1", "--epochs", "1000"];
    private static readonly int _kept = SweepTables.RunsPerPart;
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
            await WaitForFirstCommitAsync(first, results);
            // Mid-sweep, the committed part is a dataset any reader opens: DuckDB over the documented glob, and the CLI.
            string sweep = Path.GetDirectoryName(Path.GetDirectoryName(FirstPart(results).Keys.First())!)!;
            Assert.Equal(_kept, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM read_parquet('{Path.Combine(sweep, "runs", "*.parquet")}')"));
            Assert.Equal(_kept * 101L, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{Path.Combine(sweep, "curves", "*.parquet")}')"));
            (int resultsExit, string resultsOutput) = await CliOnceAsync("results", sweep);
            Assert.True(resultsExit == 0, resultsOutput);
            Assert.Contains($"Running: {_kept} of {Total} runs committed", resultsOutput);
            Assert.False(first.HasExited, $"the sweep ended while its committed part was read: {first.Output}");
            using ChildProcess second = Cli("second", results);
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromMinutes(1)), "the second CLI did not end");
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("is being run by another robustgrid process", second.Output);
            Assert.False(first.HasExited, $"the first CLI ended while the second was refused: {first.Output}");
            first.KillHard();
        }
        Dictionary<string, DateTime> committed = FirstPart(results);

        // The dead process's lock does not block; its hidden files are removed.
        using ChildProcess rerun = Cli("rerun", results);
        Assert.True(await rerun.WaitForExitAsync(_finish), $"the rerun did not finish: {rerun.Output}");
        log.WriteLine(rerun.Output);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"Resuming: {_kept} of {Total} runs already done, {Total - _kept} to run.", rerun.Output);
        await AssertKeptTheFirstPartAsync(committed, results);
    }

    [Fact]
    public async Task Ctrl_C_mid_sweep_exits_130_with_the_command_that_resumes_it()
    {
        string results = Path.Combine(_root.Path, "results");
        string command;
        using (ChildProcess first = Cli("first", results))
        {
            await WaitForFirstCommitAsync(first, results);
            first.Interrupt();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the CLI did not stop within 30 s of Ctrl+C: {first.Output}");
            log.WriteLine(first.Output);
            Assert.Equal(130, first.ExitCode);
            command = Assert.Single(ResumeLine().Matches(first.Output)).Groups[1].Value;
            Assert.Contains($"Interrupted: {_kept} of {Total} runs committed and kept", first.Output);
        }
        Dictionary<string, DateTime> committed = FirstPart(results);
        string sweepId = Path.GetFileName(await ReferenceAsync());
        // A clean stop leaves no hidden temporary files (kill -9 does; the rerun removes them).
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(results, sweepId), "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith('.'));
        Assert.Equal($"sweep --attach {sweepId} --results {results}", command);

        using ChildProcess resumed = ChildProcess.Start("resumed", "dotnet", [BuildOutput.Cli, .. command.Split(' ')]);
        Assert.True(await resumed.WaitForExitAsync(_finish), $"the resumed sweep did not finish: {resumed.Output}");
        log.WriteLine(resumed.Output);
        Assert.Equal(0, resumed.ExitCode);
        await AssertKeptTheFirstPartAsync(committed, results);
    }

    [Fact]
    public async Task A_second_Ctrl_C_exits_at_once()
    {
        string results = Path.Combine(_root.Path, "results");
        // Runs of 40,000 epochs take seconds each: a clean stop would wait for the ones in flight.
        using ChildProcess cli = ChildProcess.Start("cli", "dotnet", [BuildOutput.Cli, "sweep", "--seeds", "1..4", "--modes", "regular", "--epochs", "40000", "--results", results]);
        for (DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); !cli.Output.Contains("runs on an in-process silo"); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline && !cli.HasExited, $"the sweep did not start: {cli.Output}");
        }

        cli.Interrupt();
        await Task.Delay(200);
        cli.Interrupt();

        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(3)), $"the CLI did not exit within 3 s of a second Ctrl+C: {cli.Output}");
        Assert.Equal(130, cli.ExitCode);
    }

    [GeneratedRegex("resume with: robustgrid (.+)$", RegexOptions.Multiline)]
    private static partial Regex ResumeLine();

    private async Task AssertKeptTheFirstPartAsync(Dictionary<string, DateTime> committed, string results)
    {
        // A part committed again would have been written again: the first part's files are the ones the stopped CLI committed.
        Assert.Equal(committed, FirstPart(results));
        string reference = await ReferenceAsync();
        string directory = Path.Combine(results, Path.GetFileName(reference));
        Assert.DoesNotContain(Directory.GetFiles(directory, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith('.'));
        AssertSameResults(reference, directory);
    }

    private static void AssertSameResults(string expected, string actual)
    {
        string[] files = [.. new[] { SweepTables.Curves, SweepTables.Epochs, SweepTables.Misclassified, SweepTables.Samples }
            .SelectMany(t => SweepTables.Files(expected, t)).Select(f => Path.GetRelativePath(expected, f)).Append("sweep.json")];
        Assert.Equal(9, files.Length); // two parts of four tables
        foreach (string file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs from the uninterrupted sweep's");
        }
        string a = DuckDb.Table(expected, SweepTables.Runs), b = DuckDb.Table(actual, SweepTables.Runs);
        Assert.Equal(Total, DuckDb.Scalar($"SELECT count(*) FROM {b}"));
        Assert.Equal(Total, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {b}"));
        Assert.Equal(Total * 101, DuckDb.Scalar($"SELECT count(DISTINCT (run_key, eps_index)) FROM {DuckDb.Table(actual, SweepTables.Curves)}"));
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

    private static async Task<(int ExitCode, string Output)> CliOnceAsync(params string[] arguments)
    {
        using ChildProcess cli = ChildProcess.Start("once", "dotnet", [BuildOutput.Cli, .. arguments]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(1)), $"robustgrid {string.Join(' ', arguments)} did not end: {cli.Output}");
        return (cli.ExitCode, cli.Output);
    }

    private static ChildProcess Cli(string name, string results) => ChildProcess.Start(name, "dotnet", [BuildOutput.Cli, .. _spec, "--results", results]);

    /// <summary>Waits until the sweep's first part is committed (its runs file, renamed into place last, is there) and the CLI still runs.</summary>
    private static async Task WaitForFirstCommitAsync(ChildProcess cli, string results)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (FirstPart(results).Count < SweepTables.All.Count)
        {
            Assert.False(cli.HasExited, $"the CLI ended before its first part was committed: {cli.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"no part was committed within two minutes: {cli.Output}");
            await Task.Delay(20);
        }
        Assert.False(cli.HasExited, $"the sweep ended before it could be stopped: {cli.Output}");
    }

    /// <summary>The files of the sweep's first part (every table's), with their last write times; empty before it is committed.</summary>
    private static Dictionary<string, DateTime> FirstPart(string results)
    {
        string? sweep = Directory.Exists(results) ? Directory.GetDirectories(results).FirstOrDefault(d => !Path.GetFileName(d).StartsWith('.')) : null;
        if (sweep is null || !File.Exists(SweepTables.PartPath(sweep, SweepTables.Runs, 0)))
        {
            return [];
        }
        return SweepTables.All.Select(t => SweepTables.PartPath(sweep, t, 0)).Where(File.Exists).ToDictionary(f => f, File.GetLastWriteTimeUtc);
    }
}
