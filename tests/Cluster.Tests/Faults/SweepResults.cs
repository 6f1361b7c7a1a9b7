using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Cluster.Tests.Faults;

/// <summary>The fault tests' sweep and what its files must hold: exactly one row per run point, nothing missing, nothing twice.</summary>
internal static class SweepResults
{
    /// <summary>200 runs: the study's four models x 50 seeds on the embedded digits, long enough (about 0.1 s each) to kill things mid-sweep.</summary>
    public static SweepSpec Spec { get; } = new() { Seeds = [.. Enumerable.Range(1, 50).Select(i => (long)i)], Epochs = 1000 };

    public static IReadOnlyList<string> ExpectedKeys { get; } = PlannedKeys(Spec);

    /// <summary>The run keys a sweep of <paramref name="spec"/> on the embedded digits plans, in key order.</summary>
    public static IReadOnlyList<string> PlannedKeys(SweepSpec spec) => [.. Plan(spec).Select(r => r.Key).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<RunSpec> Plan(SweepSpec spec) => SweepPlanner.Create(spec, _ => DatasetLoader.LoadEmbedded(), 100_000).Runs;

    public static void AssertExactlyOneRowPerRunPoint(string directory)
    {
        Assert.Equal(200, ExpectedKeys.Count);
        AssertExactlyOneRowPerRunPoint(directory, Spec);
    }

    /// <summary>
    /// Every planned run once in runs.parquet, completed; every (run, radius) once in curves.parquet, every (run, epoch)
    /// once in epochs.parquet, every (run, radius, rank) at most once in misclassified.parquet and every sample once in
    /// samples.parquet.
    /// </summary>
    public static void AssertExactlyOneRowPerRunPoint(string directory, SweepSpec spec)
    {
        IReadOnlyList<RunSpec> plan = Plan(spec);
        int runs = plan.Count;
        long epochs = plan.Sum(r => (long)r.Epochs), points = plan.Sum(r => (long)r.AttackCount);
        string Runs = DuckDb.File(directory, "runs.parquet"), Curves = DuckDb.File(directory, "curves.parquet"), Epochs = DuckDb.File(directory, "epochs.parquet");
        string Misclassified = DuckDb.File(directory, "misclassified.parquet"), Samples = DuckDb.File(directory, "samples.parquet");
        Assert.Equal(runs, DuckDb.Scalar($"SELECT count(*) FROM {Runs}"));
        Assert.Equal(runs, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {Runs}"));
        Assert.Equal(runs, DuckDb.Scalar($"SELECT count(*) FROM {Runs} WHERE status = 'completed'"));
        Assert.Equal(plan.Select(r => r.Key).Order(StringComparer.Ordinal), DuckDb.Column<string>($"SELECT run_key FROM {Runs} ORDER BY run_key"));
        Assert.Equal(points, DuckDb.Scalar($"SELECT count(*) FROM {Curves}"));
        Assert.Equal(points, DuckDb.Scalar($"SELECT count(DISTINCT (run_key, eps_index)) FROM {Curves}"));
        Assert.Equal(epochs, DuckDb.Scalar($"SELECT count(*) FROM {Epochs}"));
        Assert.Equal(epochs, DuckDb.Scalar($"SELECT count(DISTINCT (run_key, epoch)) FROM {Epochs}"));
        Assert.Equal(DuckDb.Scalar($"SELECT count(*) FROM {Misclassified}"), DuckDb.Scalar($"SELECT count(DISTINCT (run_key, eps_index, rank)) FROM {Misclassified}"));
        Assert.Equal(DuckDb.Scalar($"SELECT count(*) FROM {Samples}"), DuckDb.Scalar($"SELECT count(DISTINCT (dataset_hash, sample_index)) FROM {Samples}"));
    }

    /// <summary>For failure messages: why the runs that failed did, from runs.parquet.</summary>
    public static string FailedRunErrors(string directory) =>
        System.IO.File.Exists(Path.Combine(directory, "runs.parquet"))
            ? string.Join("; ", DuckDb.Column<string>($"SELECT run_key || ': ' || coalesce(error, '?') FROM {DuckDb.File(directory, "runs.parquet")} WHERE status = 'failed' LIMIT 5"))
            : "no runs.parquet";
}
