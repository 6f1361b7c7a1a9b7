namespace RobustGrid.Client.Sweeps;

/// <summary>A sweep's results directory and the four files that make it complete.</summary>
public static class SweepResultsDirectory
{
    public static IReadOnlyList<string> Files { get; } = ["runs.parquet", "curves.parquet", "epochs.parquet", "misclassified.parquet"];

    public static bool IsComplete(string directory) => Files.All(f => File.Exists(Path.Combine(directory, f)));
}
