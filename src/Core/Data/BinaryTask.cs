namespace RobustGrid.Core.Data;

/// <summary>A two-class task drawn from a dataset: class a gives y = -1, class b gives y = +1; dataset order is kept.</summary>
public sealed class BinaryTask
{
    private BinaryTask(Dataset dataset, int negativeClass, int positiveClass, TaskSplit train, TaskSplit test)
    {
        DatasetName = dataset.Name;
        DatasetHash = dataset.ContentHash;
        NegativeClass = negativeClass;
        PositiveClass = positiveClass;
        Features = dataset.Train.Features;
        Train = train;
        Test = test;
    }

    public string DatasetName { get; }

    public string DatasetHash { get; }

    public int NegativeClass { get; }

    public int PositiveClass { get; }

    public int Features { get; }

    public TaskSplit Train { get; }

    public TaskSplit Test { get; }

    /// <summary>Builds the task; <see cref="DatasetException"/> when a == b or a class is absent from a split.</summary>
    public static BinaryTask Create(Dataset dataset, int negativeClass, int positiveClass)
    {
        if (negativeClass == positiveClass)
        {
            throw new DatasetException($"A binary task needs two different classes (got {negativeClass} and {positiveClass}).");
        }
        TaskSplit train = Select(dataset, dataset.Train, "train", negativeClass, positiveClass);
        TaskSplit test = Select(dataset, dataset.Test, "test", negativeClass, positiveClass);
        return new BinaryTask(dataset, negativeClass, positiveClass, train, test);
    }

    private static TaskSplit Select(Dataset dataset, LabeledSplit split, string splitName, int negative, int positive)
    {
        int d = split.Features;
        var indices = new List<int>();
        bool sawNegative = false, sawPositive = false;
        for (int i = 0; i < split.Count; i++)
        {
            int label = split.Labels[i];
            sawNegative |= label == negative;
            sawPositive |= label == positive;
            if (label == negative || label == positive)
            {
                indices.Add(i);
            }
        }
        foreach ((int cls, bool seen) in new[] { (negative, sawNegative), (positive, sawPositive) })
        {
            if (!seen)
            {
                throw new DatasetException(
                    $"Class {cls} is not in the {splitName} split of {dataset.Name}; its classes are {string.Join(",", dataset.Classes)}.");
            }
        }
        var pixels = new byte[indices.Count * d];
        var labels = new sbyte[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            split.Row(indices[k]).CopyTo(pixels.AsSpan(k * d, d));
            labels[k] = split.Labels[indices[k]] == positive ? (sbyte)1 : (sbyte)-1;
        }
        return new TaskSplit(d, pixels, labels, indices.ToArray());
    }
}
