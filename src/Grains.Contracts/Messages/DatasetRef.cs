namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>
/// Names a dataset without carrying it: every silo loads it once from here and shares it among its runs,
/// so pixel data never travels in grain messages. <see cref="Directory"/> is null for the embedded dataset.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DatasetRef([property: Id(0)] string? Directory)
{
    public static DatasetRef Embedded { get; } = new((string?)null);

    public bool IsEmbedded => Directory is null;

    public override string ToString() => Directory ?? "embedded";

    /// <summary>The reference <see cref="ToString"/> printed (runs.parquet's dataset_source): "embedded", or the dataset's directory.</summary>
    public static DatasetRef Parse(string text) => text == Embedded.ToString() ? Embedded : new DatasetRef(text);
}
