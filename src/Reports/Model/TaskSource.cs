using RobustGrid.Core.Data;

namespace RobustGrid.Reports.Model;

/// <summary>
/// The runs' train and test splits, reloaded for the figures that need more than the Parquet files (the loss
/// landscape): from the embedded digits or the dataset directory runs.parquet names in dataset_source, each loaded
/// once and used only when its content hash equals the run's dataset_hash.
/// </summary>
internal sealed class TaskSource
{
    private readonly Dictionary<string, (Dataset? Dataset, string Problem)> _datasets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int, int), BinaryTask> _tasks = [];

    /// <summary>The run's task, or null and why it is not available.</summary>
    public BinaryTask? Of(ReportRun run, out string problem)
    {
        if (!_datasets.TryGetValue(run.DatasetSource, out var loaded))
        {
            loaded = Load(run.DatasetSource);
            _datasets[run.DatasetSource] = loaded;
        }
        problem = loaded.Problem;
        if (loaded.Dataset is null)
        {
            return null;
        }
        if (!string.Equals(loaded.Dataset.ContentHash, run.DatasetHash, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"the dataset at {run.DatasetSource} is not the one the runs used (its content hash differs)";
            return null;
        }
        var key = (run.DatasetSource, run.NegativeClass, run.PositiveClass);
        if (!_tasks.TryGetValue(key, out BinaryTask? task))
        {
            _tasks[key] = task = BinaryTask.Create(loaded.Dataset, run.NegativeClass, run.PositiveClass);
        }
        return task;
    }

    private static (Dataset?, string) Load(string source)
    {
        try
        {
            return source == "embedded" ? (DatasetLoader.LoadEmbedded(), "")
                : Directory.Exists(source) ? (DatasetLoader.LoadDirectory(source), "")
                : (null, $"the runs' dataset directory {source} is not on this machine");
        }
        catch (Exception e) when (e is DatasetException or IOException or InvalidDataException)
        {
            return (null, $"the runs' dataset at {source} could not be read ({e.Message})");
        }
    }
}
