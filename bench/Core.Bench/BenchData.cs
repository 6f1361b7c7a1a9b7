using RobustGrid.Core.Data;

namespace RobustGrid.Core.Bench;

/// <summary>The seed-scale task every benchmark uses: Fashion-MNIST classes 0 vs 1 (12,000 train, 2,000 test).</summary>
internal static class BenchData
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("ROBUSTGRID_BENCH_DATA") ?? "/usr/share/datasets/fashion-mnist";

    public static BinaryTask LoadTask() => BinaryTask.Create(DatasetLoader.LoadDirectory(Directory), 0, 1);

    /// <summary>The task loaded once, for columns that need its shape.</summary>
    public static BinaryTask LoadTaskCached() => _cached ??= LoadTask();

    private static BinaryTask? _cached;
}
