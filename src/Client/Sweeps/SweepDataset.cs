using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// A sweep's dataset as the CLI sees it: loaded once for its content hash, which names the sweep (its path does not).
/// A directory that exists only on a remote cluster's silos cannot be read here; it is then named by its path.
/// </summary>
public sealed class SweepDataset
{
    private readonly Dataset? _data;

    private SweepDataset(Dataset? data, string contentHash)
    {
        _data = data;
        ContentHash = contentHash;
    }

    public string ContentHash { get; }

    /// <summary>The dataset as loaded here; null when it lives only on a remote cluster.</summary>
    public Dataset? Data => _data;

    /// <summary>Loads <paramref name="dataset"/>; <see cref="SweepSpecException"/> when it cannot be read (a remote directory missing here is named by its path).</summary>
    public static SweepDataset Load(DatasetRef dataset, bool remote)
    {
        if (remote && dataset.Directory is { } directory && !Directory.Exists(directory))
        {
            return new SweepDataset(null, "path:" + directory);
        }
        try
        {
            Dataset data = dataset.IsEmbedded ? DatasetLoader.LoadEmbedded() : DatasetLoader.LoadDirectory(dataset.Directory!);
            return new SweepDataset(data, data.ContentHash);
        }
        catch (DatasetException e)
        {
            throw new SweepSpecException($"dataset: {e.Message}");
        }
    }

    /// <summary><paramref name="spec"/> with "pairs": "all" written out as the dataset's pairs (unchanged when the dataset was not loaded here).</summary>
    public SweepSpec Expand(SweepSpec spec) => _data is null ? spec : SweepPairs.Expand(spec, _data);

    /// <summary>The plan of <paramref name="spec"/> on this dataset, as the in-process silo would make it; null when the dataset was not loaded here.</summary>
    public SweepPlanner.Plan? Plan(SweepSpec spec) =>
        _data is null ? null : SweepPlanner.Create(spec, _ => _data, SweepSpecLimits.DefaultMaxRuns);
}
