namespace RobustGrid.Core.Data;

/// <summary>
/// One split of a binary task, held compactly: pixels as bytes p (the model sees p / 255, 1 byte per feature
/// instead of 4, so a seed-scale train split fits in cache) and labels as -1 / +1.
/// </summary>
public sealed class TaskSplit
{
    public TaskSplit(int features, byte[] pixels, sbyte[] labels, int[] sourceIndices)
    {
        if ((long)labels.Length * features != pixels.Length || sourceIndices.Length != labels.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes, {labels.Length} labels and {sourceIndices.Length} indices do not make {labels.Length} rows of {features}.");
        }
        Features = features;
        Pixels = pixels;
        Labels = labels;
        SourceIndices = sourceIndices;
    }

    public int Count => Labels.Length;

    public int Features { get; }

    /// <summary>Count x Features bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>-1 for the negative class, +1 for the positive class.</summary>
    public sbyte[] Labels { get; }

    /// <summary>Each sample's index in the dataset split it came from.</summary>
    public int[] SourceIndices { get; }

    public ReadOnlySpan<byte> Row(int i) => Pixels.AsSpan(i * Features, Features);
}
