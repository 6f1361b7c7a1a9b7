namespace RobustGrid.Core.Data;

/// <summary>One split of a dataset: <see cref="Count"/> images of Rows x Columns bytes, row-major, and their labels.</summary>
public sealed class LabeledSplit
{
    public LabeledSplit(IdxImages images, byte[] labels)
    {
        if (labels.Length != images.Count)
        {
            throw new ArgumentException($"{images.Count} images but {labels.Length} labels.", nameof(labels));
        }
        Count = images.Count;
        Rows = images.Rows;
        Columns = images.Columns;
        Pixels = images.Pixels;
        Labels = labels;
    }

    public int Count { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int Features => Rows * Columns;

    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public ReadOnlySpan<byte> Row(int i) => Pixels.AsSpan(i * Features, Features);
}
