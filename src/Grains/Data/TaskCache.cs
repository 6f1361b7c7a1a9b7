using System.Collections.Concurrent;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;

namespace RobustGrid.Grains.Data;

/// <summary>
/// The datasets and binary tasks of one silo: each is loaded once and shared by every run on the silo, so pixel
/// data never travels in grain messages. Thread-safe; a failed load is not cached, so a fixed file can be retried.
/// </summary>
public sealed class TaskCache
{
    private readonly ConcurrentDictionary<DatasetRef, Lazy<Dataset>> _datasets = new();
    private readonly ConcurrentDictionary<(DatasetRef, int, int), Lazy<BinaryTask>> _tasks = new();

    /// <summary>The dataset <paramref name="reference"/> names; <see cref="DatasetException"/> when it cannot be loaded.</summary>
    public Dataset Dataset(DatasetRef reference) => GetOrLoad(_datasets, reference, () =>
        reference.IsEmbedded ? DatasetLoader.LoadEmbedded() : DatasetLoader.LoadDirectory(reference.Directory!));

    /// <summary>
    /// Keeps <paramref name="dataset"/>, already loaded from <paramref name="reference"/> in this process (the CLI loads
    /// a sweep's dataset to name the sweep), so its in-process silo does not load it again; a dataset already cached stays.
    /// </summary>
    public void Remember(DatasetRef reference, Dataset dataset) => _datasets.TryAdd(reference, new Lazy<Dataset>(dataset));

    /// <summary>The binary task of classes (negative, positive) on <paramref name="reference"/>.</summary>
    public BinaryTask BinaryTaskFor(DatasetRef reference, int negative, int positive) =>
        GetOrLoad(_tasks, (reference, negative, positive), () => BinaryTask.Create(Dataset(reference), negative, positive));

    /// <summary>The sample at <paramref name="testIndex"/> of a task's test split, as the results files name it: by its index in the dataset's test split.</summary>
    public TestSample TestSample(DatasetRef reference, int negative, int positive, int testIndex)
    {
        Dataset dataset = Dataset(reference);
        TaskSplit test = BinaryTaskFor(reference, negative, positive).Test;
        int sampleIndex = test.SourceIndices[testIndex];
        return new TestSample(sampleIndex, dataset.Test.Labels[sampleIndex], test.Labels[testIndex], dataset.Test.Row(sampleIndex).ToArray(), dataset.Test.Rows, dataset.Test.Columns);
    }

    /// <summary>
    /// The index in a task's test split of the dataset's test sample <paramref name="sampleIndex"/>: the inverse of
    /// <see cref="TestSample"/>'s naming, for records read back from committed results.
    /// </summary>
    public int TestIndexOf(DatasetRef reference, int negative, int positive, int sampleIndex)
    {
        int[] sources = BinaryTaskFor(reference, negative, positive).Test.SourceIndices; // ascending
        int index = Array.BinarySearch(sources, sampleIndex);
        return index >= 0 ? index : throw new InvalidDataException($"Test sample {sampleIndex} is not in the test split of task {negative} vs {positive}.");
    }

    private static T GetOrLoad<TKey, T>(ConcurrentDictionary<TKey, Lazy<T>> cache, TKey key, Func<T> load)
        where TKey : notnull
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<T>(load, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<T>>(key, lazy));
            throw;
        }
    }
}
