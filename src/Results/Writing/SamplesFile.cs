namespace RobustGrid.Results.Writing;

/// <summary>
/// The samples table's file of one part (or of a whole sweep): each test sample that a misclassified row of the part
/// names and no earlier part holds (<see cref="SampleSet"/>), once, with its image (<see cref="SampleRow"/>), ordered by
/// dataset hash and sample index. At most a test split's images are held (each a shared buffer), and the file is
/// written when the part's rows are complete.
/// </summary>
internal sealed class SamplesFile(SampleSet held)
{
    public const int RowsPerGroup = 1 << 14;

    private readonly SortedDictionary<(string Hash, int Index), TestSample> _samples = new(Comparer<(string Hash, int Index)>.Create(
        (a, b) => string.CompareOrdinal(a.Hash, b.Hash) is int c and not 0 ? c : a.Index.CompareTo(b.Index)));

    public void Add(string datasetHash, TestSample sample)
    {
        if (held.Add(datasetHash, sample.SampleIndex))
        {
            _samples.Add((datasetHash, sample.SampleIndex), sample);
        }
    }

    /// <summary>Writes every sample collected so far into <paramref name="file"/>.</summary>
    public async Task WriteAsync(RowGroupFile file)
    {
        StringColumn hash = file.String("dataset_hash");
        ValueColumn<int> index = file.Value<int>("sample_index"), label = file.Value<int>("class");
        BinaryColumn image = file.Binary("image");
        ValueColumn<int> rows = file.Value<int>("image_rows"), columns = file.Value<int>("image_columns");
        foreach (((string datasetHash, int sampleIndex), TestSample sample) in _samples)
        {
            hash.Add(datasetHash);
            index.Add(sampleIndex);
            label.Add(sample.Class);
            image.Add(WholeArray(sample.Pixels));
            rows.Add(sample.Rows);
            columns.Add(sample.Columns);
            await file.EndRowAsync();
        }
    }

    /// <summary>The buffer itself when the memory spans a whole array, else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> pixels) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pixels, out ArraySegment<byte> whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : pixels.ToArray();
}
