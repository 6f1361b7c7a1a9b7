using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results.Tests.Reading;

[Trait("Category", "Unit")]
public sealed class RunsRowGroupTests : IDisposable
{
    private readonly TempDirectory _dir = new("runs-groups");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_row_reads_back_as_the_run_it_was_written_from()
    {
        IReadOnlyList<RunRecord> written = SampleRuns.Sweep();
        await SweepResultsWriter.WriteAsync(_dir.Path, "s1", written, SampleRuns.Sample);

        var groups = new List<(RunsRowGroup Group, string[] DatasetHashes)>();
        await foreach (RunsRowGroup g in RunsRowGroup.ReadAsync(_dir.Path, CancellationToken.None))
        {
            groups.Add((g, await g.StringsAsync("dataset_hash"))); // another column of the same group, read while it is open
        }
        (RunsRowGroup group, string[] hashes) = Assert.Single(groups);

        Assert.Equal("s1", group.SweepId);
        Assert.Equal(written.Count, group.Count);
        var byKey = written.ToDictionary(r => r.RunKey);
        for (int i = 0; i < group.Count; i++)
        {
            RunRecord run = byKey[group.Keys[i]];
            Assert.Equal((run.Spec.NegativeClass, run.Spec.PositiveClass), (group.NegativeClasses[i], group.PositiveClasses[i]));
            Assert.Equal((run.Spec.Mode == TrainingMode.Regular ? "regular" : "robust", "linf"), (group.Modes[i], group.Norms[i]));
            Assert.Equal(run.Spec.Mode == TrainingMode.Regular ? null : run.Spec.Eps, group.TrainEps[i]);
            Assert.Equal((run.Spec.Seed, run.Spec.Clip), (group.Seeds[i], group.Clips[i]));
            Assert.Equal(new Core.Evaluation.AttackGrid(run.Spec.AttackStart, run.Spec.AttackStop, run.Spec.AttackCount), group.Grids[i]);
            Assert.Equal(run.Status == RunStatus.Completed ? "completed" : "failed", group.Statuses[i]);
        }
        Assert.Equal(group.Keys.Select(k => byKey[k].Spec.DatasetHash), hashes);
    }

    [Fact]
    public async Task Over_many_row_groups_repeated_strings_and_grids_are_one_instance_each()
    {
        // runs.parquet holds 512 rows a group.
        var runs = Enumerable.Range(1, 600)
            .Select(seed => SampleRuns.Completed(TrainingMode.Regular, 0, seed, [1.0, 0.5, 0.0], 0.1))
            .Select(r => r with { RunKey = r.Spec.Key }).ToList();
        await SweepResultsWriter.WriteAsync(_dir.Path, "big", runs, SampleRuns.Sample);

        List<RunsRowGroup> groups = await GroupsAsync();

        Assert.True(groups.Count > 1, "runs.parquet should span several row groups");
        Assert.Equal(runs.Count, groups.Sum(g => g.Count));
        Assert.All(groups, g => Assert.Equal("big", g.SweepId));
        Assert.Equal(runs.Select(r => r.RunKey).Order(StringComparer.Ordinal), groups.SelectMany(g => g.Keys).Order(StringComparer.Ordinal));
        string mode = groups[0].Modes[0], status = groups[0].Statuses[0];
        Assert.All(groups.SelectMany(g => g.Modes), m => Assert.Same(mode, m));
        Assert.All(groups.SelectMany(g => g.Statuses), s => Assert.Same(status, s));
        Assert.All(groups.SelectMany(g => g.Grids), grid => Assert.Same(groups[0].Grids[0], grid));
        Assert.Same(groups[0].Pooled("mnist-embedded"), groups[1].Pooled(new string("mnist-embedded")));
    }

    private async Task<List<RunsRowGroup>> GroupsAsync()
    {
        var groups = new List<RunsRowGroup>();
        await foreach (RunsRowGroup group in RunsRowGroup.ReadAsync(_dir.Path, CancellationToken.None))
        {
            groups.Add(group);
        }
        return groups;
    }
}
