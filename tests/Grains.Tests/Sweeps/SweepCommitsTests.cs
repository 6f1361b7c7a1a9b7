using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Sweeps;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>What a coordinator keeps of its commit record when it begins: the parts in place and whole, and no more.</summary>
[Trait("Category", "Unit")]
public sealed class SweepCommitsTests : IDisposable
{
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    // 1,200 runs: parts of 512, 512 and 176.
    private static readonly IReadOnlyList<RunSpec> _runs = SweepPlanner.Create(
        new SweepSpec { Eps = [0.1], Seeds = [.. Enumerable.Range(1, 600).Select(i => (long)i)] }, _ => _dataset, 10_000).Runs;
    private static readonly TaskCache _tasks = new();

    private readonly TempDirectory _root = new("commits");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Every_recorded_part_in_place_is_kept()
    {
        string directory = await WrittenAsync("whole");

        Assert.Equal(2 * SweepTables.RunsPerPart, SweepCommits.Intact(directory, 2 * SweepTables.RunsPerPart, _runs.Count, out string? damaged));
        Assert.Null(damaged);
        Assert.Equal(_runs.Count, SweepCommits.Intact(directory, _runs.Count, _runs.Count, out damaged));
        Assert.Null(damaged);
        Assert.Equal(0, SweepCommits.Intact(directory, 0, _runs.Count, out damaged));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("not parquet")]
    public async Task A_missing_or_damaged_part_is_committed_again_from_its_first_run(string damage)
    {
        string directory = await WrittenAsync(damage.Replace(' ', '-'));
        string part = SweepTables.PartPath(directory, SweepTables.Epochs, 1);
        switch (damage)
        {
            case "missing":
                File.Delete(part);
                break;
            case "truncated":
                byte[] bytes = File.ReadAllBytes(part);
                File.WriteAllBytes(part, bytes[..(bytes.Length / 2)]);
                break;
            default:
                File.WriteAllText(part, "PAR1 but then something else entirely");
                break;
        }

        int kept = SweepCommits.Intact(directory, _runs.Count, _runs.Count, out string? damaged);

        Assert.Equal(SweepTables.RunsPerPart, kept);
        Assert.Equal($"part 1 of the 3 committed is missing or damaged in {directory}; committing again from run {SweepTables.RunsPerPart + 1} of {_runs.Count}", damaged);
    }

    [Fact]
    public void A_finished_sweep_asked_again_commits_again_from_the_part_of_its_first_failed_run()
    {
        string[] keys = [.. _runs.Select(r => r.Key).Order(StringComparer.Ordinal)];
        var outcomes = new Dictionary<string, RunOutcome>
        {
            [keys[700]] = new(RunStatus.Failed, 3, "boom"),
            [keys[1100]] = new(RunStatus.Failed, 3, "boom"),
            [keys[5]] = new(RunStatus.Completed, 2, "once"), // completed after a retry: not a reason to commit again
        };

        Assert.Equal(SweepTables.RunsPerPart, SweepCommits.FirstPartStart(_runs, outcomes));
        Assert.Equal(_runs.Count, SweepCommits.FirstPartStart(_runs, new Dictionary<string, RunOutcome> { [keys[5]] = new(RunStatus.Completed, 2, null) }));
    }

    private async Task<string> WrittenAsync(string name)
    {
        string directory = Path.Combine(_root.Path, name);
        await SweepResultsWriter.WriteAsync(directory, name, [.. _runs.Select(FakeRecords.Of)], (run, i) => _tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
        Assert.Equal(3, SweepTables.Files(directory, SweepTables.Runs).Count);
        return directory;
    }

}
