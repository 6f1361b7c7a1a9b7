using System.Buffers.Binary;
using System.IO.Compression;

namespace RobustGrid.Core.Data;

/// <summary>
/// Reads IDX files (the MNIST format): a big-endian header of magic 0x00000803 (unsigned bytes, 3 dimensions)
/// or 0x00000801 (1 dimension), the dimension sizes, then the data. Files may be raw or gzip-compressed,
/// detected by content. Every fault raises <see cref="IdxFormatException"/> naming the file.
/// </summary>
public static class IdxReader
{
    private const int ImageMagic = 0x00000803;
    private const int LabelMagic = 0x00000801;
    private const int MaxSide = 4096;
    private const int MaxCount = 100_000_000;

    public static IdxImages ReadImages(string path)
    {
        using Stream file = OpenFile(path);
        return ReadImages(file, path);
    }

    public static byte[] ReadLabels(string path)
    {
        using Stream file = OpenFile(path);
        return ReadLabels(file, path);
    }

    /// <summary>Reads an image file from <paramref name="stream"/>; <paramref name="name"/> goes into error messages.</summary>
    public static IdxImages ReadImages(Stream stream, string name)
    {
        byte[] content = ReadAll(stream, name);
        ReadHeader(content, name, ImageMagic, dimensions: 3, out int[] sizes);
        int count = sizes[0], rows = sizes[1], columns = sizes[2];
        if (rows > MaxSide || columns > MaxSide)
        {
            throw new IdxFormatException(name, $"image size {rows}x{columns} exceeds the {MaxSide}x{MaxSide} limit.");
        }
        byte[] pixels = Payload(content, name, headerLength: 16, (long)count * rows * columns);
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads a label file from <paramref name="stream"/>; <paramref name="name"/> goes into error messages.</summary>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        byte[] content = ReadAll(stream, name);
        ReadHeader(content, name, LabelMagic, dimensions: 1, out int[] sizes);
        return Payload(content, name, headerLength: 8, sizes[0]);
    }

    private static Stream OpenFile(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdxFormatException(path, $"cannot be read ({e.Message}).", e);
        }
    }

    private static byte[] ReadAll(Stream stream, string name)
    {
        try
        {
            var raw = new MemoryStream();
            stream.CopyTo(raw);
            byte[] bytes = raw.ToArray();
            bool gzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
            if (!gzip)
            {
                if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    throw new IdxFormatException(name, bytes.Length == 0 ? "is empty." : "is named .gz but is not gzip-compressed.");
                }
                return bytes;
            }
            using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var content = new MemoryStream(bytes.Length * 4);
            unzip.CopyTo(content);
            return content.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(name, $"is not a valid gzip stream ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new IdxFormatException(name, $"cannot be read ({e.Message}).", e);
        }
    }

    private static void ReadHeader(byte[] content, string name, int expectedMagic, int dimensions, out int[] sizes)
    {
        string kind = expectedMagic == ImageMagic ? "image" : "label";
        if (content.Length == 0)
        {
            throw new IdxFormatException(name, "is empty.");
        }
        int headerLength = 4 + 4 * dimensions;
        if (content.Length < 4)
        {
            throw new IdxFormatException(name, $"is truncated: {content.Length} bytes, shorter than the {headerLength}-byte IDX {kind} header.");
        }
        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            string hint = magic == ImageMagic ? " (an image file where a label file was expected)"
                : magic == LabelMagic ? " (a label file where an image file was expected)"
                : "";
            throw new IdxFormatException(name, $"wrong magic number 0x{magic:x8}, expected 0x{expectedMagic:x8} for an IDX {kind} file{hint}.");
        }
        if (content.Length < headerLength)
        {
            throw new IdxFormatException(name, $"is truncated: {content.Length} bytes, shorter than the {headerLength}-byte IDX {kind} header.");
        }
        sizes = new int[dimensions];
        for (int k = 0; k < dimensions; k++)
        {
            sizes[k] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + 4 * k));
            if (sizes[k] <= 0 || (k == 0 && sizes[k] > MaxCount))
            {
                throw new IdxFormatException(name, $"dimension {k} has invalid size {sizes[k]}.");
            }
        }
    }

    private static byte[] Payload(byte[] content, string name, int headerLength, long expected)
    {
        long actual = content.Length - headerLength;
        if (actual < expected)
        {
            throw new IdxFormatException(name, $"is truncated: the header promises {expected} data bytes but only {actual} follow.");
        }
        if (actual > expected)
        {
            throw new IdxFormatException(name, $"has {actual - expected} trailing bytes after the {expected} data bytes the header promises.");
        }
        return content.AsSpan(headerLength).ToArray();
    }
}
