using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RobustGrid.Core.Data;

/// <summary>A labelled image dataset with a train and a test split, named by the hash of its content.</summary>
public sealed class Dataset
{
    public Dataset(string name, string source, LabeledSplit train, LabeledSplit test)
    {
        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new DatasetException($"{source}: train images are {train.Rows}x{train.Columns} but test images are {test.Rows}x{test.Columns}.");
        }
        Name = name;
        Source = source;
        Train = train;
        Test = test;
        ContentHash = HashOf(train, test);
        Classes = train.Labels.Concat(test.Labels).Distinct().Select(l => (int)l).Order().ToArray();
    }

    /// <summary>"mnist-embedded" for the embedded subset; the directory name otherwise.</summary>
    public string Name { get; }

    /// <summary>"embedded" or the directory the files came from.</summary>
    public string Source { get; }

    public LabeledSplit Train { get; }

    public LabeledSplit Test { get; }

    /// <summary>
    /// Lowercase hex SHA-256 over each split's dimensions, pixels and labels (decoded, so raw and gzip copies
    /// hash equal). A run names its data by this hash.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>The distinct labels present in either split, ascending.</summary>
    public IReadOnlyList<int> Classes { get; }

    private static string HashOf(LabeledSplit train, LabeledSplit test)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[12];
        foreach (LabeledSplit split in new[] { train, test })
        {
            BinaryPrimitives.WriteInt32BigEndian(header, split.Count);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], split.Rows);
            BinaryPrimitives.WriteInt32BigEndian(header[8..], split.Columns);
            hash.AppendData(header);
            hash.AppendData(split.Pixels);
            hash.AppendData(split.Labels);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
