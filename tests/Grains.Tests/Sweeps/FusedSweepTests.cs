using RobustGrid.Results.Layout;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RobustGrid.Core.Diagnostics;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Tests.Cluster;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>A sweep trained in fused groups on three silos writes the files of the same runs trained one at a time.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FusedSweepTests(ClusterFixture fused, OneAtATimeClusterFixture alone) : IClassFixture<OneAtATimeClusterFixture>
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_fused_sweep_writes_the_files_of_its_runs_trained_one_at_a_time()
    {
        // The study's four models on seeds no other test trains, so every run trains here.
        var spec = new SweepSpec { Seeds = [.. Enumerable.Range(301, 12).Select(i => (long)i)] };
        string id = "fused-" + Guid.NewGuid().ToString("N")[..8];
        var spans = new List<Activity>();
        string fusedDirectory;
        using (TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(RobustGridTelemetry.Name).AddInMemoryExporter(spans).Build()!)
        {
            fusedDirectory = await SweepAsync(fused, spec, id);
            tracing.ForceFlush();
        }
        string aloneDirectory = await SweepAsync(alone, spec, id);

        var groupSizes = spans.Where(s => s.OperationName == "train" && s.GetTagItem("robustgrid.train.group_size") is int)
            .Select(s => (int)s.GetTagItem("robustgrid.train.group_size")!).ToList();
        Assert.True(groupSizes.Count >= 48 && groupSizes.Max() > 1, $"the sweep's runs should train in groups ({groupSizes.Count} train spans, group sizes {string.Join(",", groupSizes)})");
        string[] parts = [.. new[] { SweepTables.Curves, SweepTables.Epochs, SweepTables.Misclassified, SweepTables.Samples }
            .SelectMany(t => SweepTables.Files(aloneDirectory, t)).Select(f => Path.GetRelativePath(aloneDirectory, f))];
        Assert.Equal(4, parts.Length);
        foreach (string file in parts.Append("sweep.json"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(aloneDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(fusedDirectory, file))),
                $"{file} of the fused sweep differs from the one-at-a-time sweep's");
        }
        // runs.parquet also records where and how long each run trained: every other column must be equal.
        string a = DuckDb.File(aloneDirectory, "runs.parquet"), b = DuckDb.File(fusedDirectory, "runs.parquet");
        const string Columns = "* EXCLUDE (silo, duration_seconds)";
        Assert.Equal(48, DuckDb.Scalar($"SELECT count(*) FROM {b}"));
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM (SELECT {Columns} FROM {a} EXCEPT ALL SELECT {Columns} FROM {b})"));
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM (SELECT {Columns} FROM {b} EXCEPT ALL SELECT {Columns} FROM {a})"));
    }

    private static async Task<string> SweepAsync(ClusterFixture cluster, SweepSpec spec, string id)
    {
        ISweepGrain sweep = cluster.Cluster.Client.GetGrain<ISweepGrain>(id);
        await sweep.StartAsync(spec);
        SweepProgress done = await SweepWaiter.UntilFinishedAsync(sweep, _deadline);
        Assert.Equal(SweepPhase.Completed, done.Phase);
        Assert.Equal(48, done.Completed);
        return done.ResultsDirectory!;
    }
}
