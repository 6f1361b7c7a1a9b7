using RobustGrid.Dashboard.Model;
using RobustGrid.Dashboard.Progress;
using RobustGrid.Dashboard.Sweeps;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Dashboard.Tests.Sweeps;

/// <summary>The page's sweeps: folders and announced ids, counts from the coordinator when it answers, else from the files.</summary>
[Trait("Category", "Unit")]
public sealed class SweepCatalogTests : IDisposable
{
    private const string Id = "sweep-catalog";
    private readonly TempDirectory _root = new("dashboard-catalog");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Without_a_coordinator_the_counts_come_from_the_files()
    {
        await FixtureSweep.WriteAsync(Path.Combine(_root.Path, Id), Id);
        SweepStatusView status = Assert.Single(await new SweepCatalog(_root.Path).ListAsync(CancellationToken.None));
        Assert.Equal((Id, "files", "writing", (int?)5, 4, 1, (int?)null, (int?)0), (status.Id, status.Source, status.Phase, status.Total, status.Done, status.Failed, status.Running, status.Pending));
    }

    [Fact]
    public async Task A_sweep_folder_before_its_first_commit_has_no_total_yet()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, Id, "runs"));
        SweepStatusView status = Assert.Single(await new SweepCatalog(_root.Path).ListAsync(CancellationToken.None));
        Assert.Equal(("in progress", (int?)null, 0, (int?)null, (string?)null), (status.Phase, status.Total, status.Done, status.Pending, status.Error));
    }

    [Fact]
    public async Task The_coordinators_counts_win_and_stay_shown_marked_while_it_does_not_answer()
    {
        await FixtureSweep.WriteAsync(Path.Combine(_root.Path, Id), Id, sizeOfPart: 2, committed: 1);
        var source = new ScriptedProgress { Next = new SweepProgress(Id, SweepPhase.Running, 5, 3, 0, 2, [], null, null, null, "S127.0.0.1:11111:1", 2) };
        var catalog = new SweepCatalog(_root.Path, source);

        SweepPageView page = (await catalog.PageAsync(Id, CancellationToken.None))!;
        Assert.Equal(("cluster", "running", 3, (int?)2, (int?)0, (string?)null), (page.Status.Source, page.Status.Phase, page.Status.Done, page.Status.Running, page.Status.Pending, page.Status.Error));
        Assert.Equal(2, page.Summary.Sum(r => r.Completed + r.Failed));

        source.Next = null;
        SweepStatusView silent = (await catalog.PageAsync(Id, CancellationToken.None))!.Status;
        Assert.Equal(("cluster", 3, (int?)2), (silent.Source, silent.Done, silent.Running));
        Assert.Contains("has not answered", silent.Error);
    }

    [Fact]
    public async Task Each_silo_shows_the_runs_it_trained_and_their_rate_while_the_page_watched()
    {
        await FixtureSweep.WriteAsync(Path.Combine(_root.Path, Id), Id, sizeOfPart: 2, committed: 1);
        SweepProgress Running(int first, int second) => new(Id, SweepPhase.Running, 100, first + second, 0, 8, [], null, null, null, "S10.0.0.1:11111:1", 0,
            [new SiloRuns("S10.0.0.1:11111:1", first), new SiloRuns("S10.0.0.2:11111:1", second)]);
        var clock = new ManualClock();
        var source = new ScriptedProgress { Next = Running(10, 4) };
        var catalog = new SweepCatalog(_root.Path, source, clock);

        SweepStatusView first = (await catalog.PageAsync(Id, CancellationToken.None))!.Status;
        Assert.Equal([("S10.0.0.1:11111:1", 10, (double?)null), ("S10.0.0.2:11111:1", 4, (double?)null)], first.Silos!.Select(s => (s.Silo, s.Completed, s.RunsPerSecond)));

        clock.Advance(TimeSpan.FromSeconds(2));
        source.Next = Running(30, 8);
        SweepStatusView later = (await catalog.PageAsync(Id, CancellationToken.None))!.Status;
        Assert.Equal([("S10.0.0.1:11111:1", 30, (double?)10.0), ("S10.0.0.2:11111:1", 8, (double?)2.0)], later.Silos!.Select(s => (s.Silo, s.Completed, s.RunsPerSecond)));
        Assert.Equal(12.0, later.RunsPerSecond!.Value, 9);

        source.Next = null; // no coordinator: the files know no silos
        Assert.Empty((await new SweepCatalog(_root.Path).PageAsync(Id, CancellationToken.None))!.Status.Silos ?? []);
    }

    [Fact]
    public async Task Only_announced_sweeps_are_shown_when_asked_and_other_folders_are_not_served()
    {
        await FixtureSweep.WriteAsync(Path.Combine(_root.Path, Id), Id);
        await FixtureSweep.WriteAsync(Path.Combine(_root.Path, "other-sweep"), "other-sweep");
        var catalog = new SweepCatalog(_root.Path, new ScriptedProgress { Ids = [Id] }) { OnlyAnnounced = true };
        Assert.Equal([Id], catalog.Ids());
        Assert.NotNull(await catalog.PageAsync(Id, CancellationToken.None));
        Assert.Null(await catalog.PageAsync("other-sweep", CancellationToken.None));
    }

    private sealed class ScriptedProgress : ISweepProgressSource
    {
        public SweepProgress? Next { get; set; }

        public string[] Ids { get; init; } = [];

        public IReadOnlyCollection<string> Announced => Ids;

        public Task<SweepProgress?> GetAsync(string sweepId, CancellationToken cancellationToken) => Task.FromResult(Next);
    }
}
