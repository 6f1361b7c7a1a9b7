namespace RobustGrid.Results.Writing;

/// <summary>
/// The test samples a sweep's committed parts already hold (dataset hash and index in the dataset's test split): each
/// part's samples file takes only the samples no earlier part has, so the samples table holds each once. At most a test
/// split's indices per dataset; a resumed coordinator fills it from the committed samples parts.
/// </summary>
public sealed class SampleSet
{
    private readonly HashSet<(string Hash, int Index)> _held = [];

    public int Count => _held.Count;

    /// <summary>Records the sample; false when a part holds it already.</summary>
    public bool Add(string datasetHash, int sampleIndex) => _held.Add((datasetHash, sampleIndex));

    public bool Contains(string datasetHash, int sampleIndex) => _held.Contains((datasetHash, sampleIndex));
}
