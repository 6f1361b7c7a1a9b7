using RobustGrid.Results.Layout;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RobustGrid.Core.Data;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Tests.Cluster;

namespace RobustGrid.Grains.Tests.Sweeps;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SweepClusterTests(ClusterFixture fixture)
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(3);

    /// <summary>The study sweep: regular + robust 0.1, 0.2, 0.3 over seeds 1..10 = 40 runs on the embedded data.</summary>
    private static readonly SweepSpec _study = new();

    [Fact]
    public async Task Study_sweep_completes_on_three_silos_and_matches_core_bit_for_bit()
    {
        var spans = new List<Activity>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(RobustGridTelemetry.Name).AddInMemoryExporter(spans).Build()!;
        string id = "study-" + Guid.NewGuid().ToString("N")[..8];
        ISweepGrain sweep = fixture.Cluster.Client.GetGrain<ISweepGrain>(id);

        SweepProgress started = await sweep.StartAsync(_study);
        Assert.Equal(SweepPhase.Running, started.Phase);
        Assert.Equal(40, started.Total);
        SweepProgress done = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);

        Assert.Equal(SweepPhase.Completed, done.Phase);
        Assert.Equal(40, done.Completed);
        string dir = done.ResultsDirectory!;
        Assert.Equal(Path.Combine(fixture.ResultsRoot, id), dir);

        // Row counts and unique keys, read back with DuckDB.
        Assert.Equal(40, DuckDb.Scalar($"select count(*) from {DuckDb.File(dir, "runs.parquet")}"));
        Assert.Equal(40, DuckDb.Scalar($"select count(distinct run_key) from {DuckDb.File(dir, "runs.parquet")}"));
        Assert.Equal(40 * 101, DuckDb.Scalar($"select count(*) from {DuckDb.File(dir, "curves.parquet")}"));
        Assert.Equal(40 * 101, DuckDb.Scalar($"select count(distinct (run_key, eps_index)) from {DuckDb.File(dir, "curves.parquet")}"));
        Assert.Equal(40 * 10, DuckDb.Scalar($"select count(*) from {DuckDb.File(dir, "epochs.parquet")}"));
        Assert.Equal(40 * 10, DuckDb.Scalar($"select count(distinct (run_key, epoch)) from {DuckDb.File(dir, "epochs.parquet")}"));
        long misclassified = DuckDb.Scalar($"select count(*) from {DuckDb.File(dir, "misclassified.parquet")}");
        Assert.Equal(misclassified, DuckDb.Scalar($"select count(distinct (run_key, eps_index, rank)) from {DuckDb.File(dir, "misclassified.parquet")}"));
        Assert.Equal(misclassified, DuckDb.Scalar($"select sum(least(misclassified_count, 10)) from {DuckDb.File(dir, "curves.parquet")}"));
        Assert.True(DuckDb.Scalar($"select count(distinct silo) from {DuckDb.File(dir, "runs.parquet")}") > 1, "runs should spread over the silos");

        // The curves equal running the same points directly through Core.
        BinaryTask task = BinaryTask.Create(DatasetLoader.LoadEmbedded(), 0, 1);
        var stored = DuckDb.Rows($"select run_key, eps_index, robust_accuracy from {DuckDb.File(dir, "curves.parquet")} order by run_key, eps_index")
            .GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.Select(r => (double)r[2]!).ToArray());
        var planned = Contracts.Sweeps.SweepPlanner.Create(_study, _ => DatasetLoader.LoadEmbedded(), 5000).Runs;
        Assert.Equal(40, planned.Count);
        foreach (RunSpec spec in planned)
        {
            RunResult direct = RunExecutor.Execute(task, spec.ToPoint());
            Assert.Equal(direct.Curve.Accuracy.Select(BitConverter.DoubleToInt64Bits), stored[spec.Key].Select(BitConverter.DoubleToInt64Bits));
        }

        // One trace: the sweep span, run spans under it from more than one silo, train and evaluate under each run.
        tracing.ForceFlush();
        Activity sweepSpan = Assert.Single(spans, s => s.OperationName == "sweep" && (string?)s.GetTagItem("robustgrid.sweep.id") == id);
        var runSpans = spans.Where(s => s.OperationName == "run" && s.ParentSpanId == sweepSpan.SpanId).ToList();
        Assert.Equal(40, runSpans.Count);
        Assert.All(runSpans, s => Assert.Equal(sweepSpan.TraceId, s.TraceId));
        Assert.True(runSpans.Select(s => s.GetTagItem("robustgrid.silo")).Distinct().Count() > 1, "run spans should come from more than one silo");
        var runIds = runSpans.Select(s => s.SpanId).ToHashSet();
        Assert.Equal(40, spans.Count(s => s.OperationName == "train" && runIds.Contains(s.ParentSpanId)));
        Assert.Equal(40, spans.Count(s => s.OperationName == "evaluate" && runIds.Contains(s.ParentSpanId)));
    }

    [Fact]
    public async Task Running_the_same_sweep_again_trains_nothing_and_keeps_its_committed_parts()
    {
        var spec = new SweepSpec { Seeds = [101, 102], Eps = [0.1] };
        string id = "again-" + Guid.NewGuid().ToString("N")[..8];
        ISweepGrain sweep = fixture.Cluster.Client.GetGrain<ISweepGrain>(id);
        await sweep.StartAsync(spec);
        SweepProgress first = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);
        Assert.Equal(SweepPhase.Completed, first.Phase);
        var before = Snapshot(first.ResultsDirectory!);
        Assert.Equal(7, before.Count); // a part of each table, manifest.json and sweep.json
        DateTime committed = File.GetLastWriteTimeUtc(SweepTables.PartPath(first.ResultsDirectory!, SweepTables.Runs, 0));
        await Task.Delay(50);

        using var started = new RunStartCounter();
        await sweep.StartAsync(spec);
        SweepProgress second = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);

        Assert.Equal(SweepPhase.Completed, second.Phase);
        Assert.Equal(0, started.Count);
        Assert.Equal(before, Snapshot(second.ResultsDirectory!));
        Assert.Equal(committed, File.GetLastWriteTimeUtc(SweepTables.PartPath(second.ResultsDirectory!, SweepTables.Runs, 0)));
    }

    [Fact]
    public async Task A_part_that_cannot_be_written_fails_the_sweep_with_the_error_and_asking_again_once_fixed_completes_it()
    {
        // More runs than the coordinator lets wait for the files (SweepGrain.MostLag, 2,048): were the failure not
        // noticed, the sweep would stop starting runs and never end.
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(1, 1100).Select(i => (long)i)], Eps = [0.1], Epochs = 1 };
        string id = "unwritable-" + Guid.NewGuid().ToString("N")[..8];
        string blocker = Path.Combine(fixture.ResultsRoot, id, SweepTables.Runs);
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "a file where the runs parts go, as a full disk would refuse them");
        ISweepGrain sweep = fixture.Cluster.Client.GetGrain<ISweepGrain>(id);

        await sweep.StartAsync(spec);
        SweepProgress failed = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);

        Assert.Equal(SweepPhase.Failed, failed.Phase);
        Assert.StartsWith("writing results failed: ", Assert.Single(failed.Faults));
        Assert.DoesNotContain('\n', failed.Faults[0]);
        File.Delete(blocker);
        await sweep.StartAsync(spec);
        SweepProgress done = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);
        Assert.Equal(SweepPhase.Completed, done.Phase);
        Assert.Equal(2200, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {DuckDb.Table(done.ResultsDirectory!, SweepTables.Runs)}"));
    }

    [Fact]
    public async Task Concurrent_identical_requests_train_each_point_once()
    {
        // Runs long enough (seconds) that both sweeps ask for each while it trains: results are held only until fetched,
        // so a sweep that asks after the other has taken a run's result would train it again.
        var spec = new SweepSpec { Seeds = [201, 202, 203], Modes = [TrainingMode.Robust], Eps = [0.2], Epochs = 3000 };
        using var started = new RunStartCounter();
        ISweepGrain a = fixture.Cluster.Client.GetGrain<ISweepGrain>("twin-a-" + Guid.NewGuid().ToString("N")[..8]);
        ISweepGrain b = fixture.Cluster.Client.GetGrain<ISweepGrain>("twin-b-" + Guid.NewGuid().ToString("N")[..8]);

        await Task.WhenAll(a.StartAsync(spec), b.StartAsync(spec));
        SweepProgress[] done = await Task.WhenAll(SweepWaiter.UntilFinishedAsync(a, _deadline), SweepWaiter.UntilFinishedAsync(b, _deadline));

        Assert.All(done, p => Assert.Equal(SweepPhase.Completed, p.Phase));
        Assert.Equal(3, started.Count);
    }

    public static TheoryData<string, SweepSpec, string> BadSpecs() => new()
    {
        { "mode", new SweepSpec { Modes = [(TrainingMode)7] }, "unknown mode '7' (expected one of regular, robust)" },
        { "norm", new SweepSpec { Norms = [(ThreatNorm)9] }, "unknown norm '9' (expected one of linf, l2, l1)" },
        { "negative eps", new SweepSpec { Eps = [0.1, -0.2] }, "eps must be a finite number in 0..1000" },
        { "nan eps", new SweepSpec { Eps = [double.NaN] }, "eps must be a finite number in 0..1000" },
        { "no seeds", new SweepSpec { Seeds = [] }, "no seeds" },
        { "class", new SweepSpec { Pairs = [[0, 11]] }, "class 11 is not in dataset" },
        { "too large", new SweepSpec { Seeds = Enumerable.Range(1, 2000).Select(i => (long)i).ToArray() }, "more than the limit of 5000" },
        { "missing data", new SweepSpec { Dataset = new DatasetRef("/nonexistent/robustgrid") }, "no such directory" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_specs_are_rejected_and_write_nothing(string name, SweepSpec spec, string fault)
    {
        string id = "bad-" + name.Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6];
        SweepProgress progress = await fixture.Cluster.Client.GetGrain<ISweepGrain>(id).StartAsync(spec);

        Assert.Equal(SweepPhase.Rejected, progress.Phase);
        Assert.Contains(progress.Faults, f => f.Contains(fault, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(fixture.ResultsRoot, id)));
        Assert.Equal(SweepPhase.Unknown, (await fixture.Cluster.Client.GetGrain<ISweepGrain>(id).GetProgressAsync()).Phase);
    }

    [Fact]
    public async Task A_sweep_id_that_is_a_path_is_rejected()
    {
        SweepProgress progress = await fixture.Cluster.Client.GetGrain<ISweepGrain>("../escape").StartAsync(new SweepSpec { Seeds = [1] });
        Assert.Equal(SweepPhase.Rejected, progress.Phase);
        Assert.Contains(progress.Faults, f => f.Contains("invalid sweep id", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Counts robustgrid.runs.started measurements while it lives.</summary>
    private sealed class RunStartCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RunStartCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RobustGridTelemetry.Name && instrument.Name == "robustgrid.runs.started")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
