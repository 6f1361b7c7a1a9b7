using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Runs;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>A real sweep over three class pairs (every pair of the classes 0, 1 and 2), two models and two seeds, and its report.</summary>
public sealed class PairsSweepFixture : IAsyncLifetime
{
    public const string SweepId = "pairs-test";

    private readonly TempDirectory _root = new("pairs-tests");

    public string Root => _root.Path;

    public string SweepDirectory => Path.Combine(Root, SweepId);

    public ReportOutcome Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dataset dataset = DatasetLoader.LoadEmbedded();
        var spec = new SweepSpec { Pairs = SweepPairs.All([0, 1, 2]), Eps = [0.1], Seeds = [1, 2], Epochs = 2 };
        var plan = SweepPlanner.Create(spec, _ => dataset, 1000);
        var tasks = new Grains.Data.TaskCache();
        var records = plan.Runs.Select(run => RunRecords.Completed(run, RunExecutor.Execute(tasks.BinaryTaskFor(run.Dataset, run.NegativeClass, run.PositiveClass), run.ToPoint()), "test-silo")).ToList();
        await SweepResultsWriter.WriteAsync(SweepDirectory, SweepId, records, (run, i) => tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
        Report = await ReportWriter.WriteAsync(SweepDirectory, Path.Combine(SweepDirectory, "report"));
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
