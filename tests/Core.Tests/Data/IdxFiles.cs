using System.Buffers.Binary;
using System.IO.Compression;

namespace RobustGrid.Core.Tests.Data;

/// <summary>Writes small IDX files (raw or gzip) for reader tests.</summary>
internal sealed class IdxFiles : IDisposable
{
    private readonly TempDirectory _directory = new("idx");

    public string Directory => _directory.Path;

    public static byte[] Images(int count, int rows, int columns, byte[] pixels, int magic = 0x803)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        return [.. header, .. pixels];
    }

    public static byte[] Labels(byte[] labels, int? count = null, int magic = 0x801)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count ?? labels.Length);
        return [.. header, .. labels];
    }

    public static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(content);
        }
        return output.ToArray();
    }

    public string Write(string name, byte[] content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A complete dataset directory: train of <paramref name="train"/> images, test of <paramref name="test"/>, 2x3 pixels, labels i % classes.</summary>
    public void WriteDataset(int train, int test, int classes, bool gzip, int seed = 1)
    {
        var random = new Random(seed);
        foreach ((string prefix, int count) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[count * 6];
            random.NextBytes(pixels);
            byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % classes)).ToArray();
            string suffix = gzip ? ".gz" : "";
            Write($"{prefix}-images-idx3-ubyte{suffix}", gzip ? Gzip(Images(count, 2, 3, pixels)) : Images(count, 2, 3, pixels));
            Write($"{prefix}-labels-idx1-ubyte{suffix}", gzip ? Gzip(Labels(labels)) : Labels(labels));
        }
    }

    public void Dispose() => _directory.Dispose();
}
