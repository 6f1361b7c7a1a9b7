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
        Content content = ReadAll(stream, name, headerLength: 16);
        ReadHeader(content, name, ImageMagic, dimensions: 3, out int[] sizes);
        int count = sizes[0], rows = sizes[1], columns = sizes[2];
        if (rows > MaxSide || columns > MaxSide)
        {
            throw new IdxFormatException(name, $"image size {rows}x{columns} exceeds the {MaxSide}x{MaxSide} limit.");
        }
        byte[] pixels = Payload(content, name, (long)count * rows * columns);
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads a label file from <paramref name="stream"/>; <paramref name="name"/> goes into error messages.</summary>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        Content content = ReadAll(stream, name, headerLength: 8);
        ReadHeader(content, name, LabelMagic, dimensions: 1, out int[] sizes);
        return Payload(content, name, sizes[0]);
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

    /// <summary>A file's content: its first bytes (up to the header's length) and the data after them.</summary>
    private readonly record struct Content(byte[] Header, byte[] Data)
    {
        public long Length => Header.Length + (long)Data.Length;
    }

    private static Content ReadAll(Stream stream, string name, int headerLength)
    {
        try
        {
            byte[] bytes;
            if (stream is FileStream { CanSeek: true } file && file.Length <= Array.MaxLength)
            {
                bytes = new byte[file.Length];
                file.ReadExactly(bytes);
            }
            else
            {
                var raw = new MemoryStream();
                stream.CopyTo(raw);
                bytes = raw.ToArray();
            }
            bool gzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
            if (!gzip)
            {
                if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    throw new IdxFormatException(name, bytes.Length == 0 ? "is empty." : "is named .gz but is not gzip-compressed.");
                }
                int split = Math.Min(headerLength, bytes.Length);
                return new Content(bytes[..split], bytes[split..]);
            }
            return Decompress(bytes, headerLength);
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

    /// <summary>
    /// A gzip file's content, its data decompressed straight into an array of the size the trailer gives (ISIZE, the
    /// length mod 2^32, less the header), so that a 47 MB image file is neither grown nor copied; when the trailer's
    /// size is not the whole content (several members, 4 GiB or more), the rest is read on.
    /// </summary>
    private static Content Decompress(byte[] gzip, int headerLength)
    {
        using var unzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        byte[] header = new byte[headerLength];
        int headerRead = unzip.ReadAtLeast(header, headerLength, throwOnEndOfStream: false);
        if (headerRead < headerLength)
        {
            return new Content(header[..headerRead], []);
        }
        long trailerSize = gzip.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)) : 0;
        // Deflate expands by at most about 1032:1: a larger size is no reason to allocate.
        int guess = (int)Math.Clamp(trailerSize - headerLength, 0, Math.Min(Array.MaxLength, 1032L * gzip.Length));
        byte[] data = new byte[guess];
        int read = unzip.ReadAtLeast(data, guess, throwOnEndOfStream: false);
        if (read < guess)
        {
            return new Content(header, data[..read]);
        }
        var more = new MemoryStream();
        unzip.CopyTo(more);
        return more.Length == 0 ? new Content(header, data) : new Content(header, [.. data, .. more.ToArray()]);
    }

    private static void ReadHeader(Content content, string name, int expectedMagic, int dimensions, out int[] sizes)
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
        int magic = BinaryPrimitives.ReadInt32BigEndian(content.Header);
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
            sizes[k] = BinaryPrimitives.ReadInt32BigEndian(content.Header.AsSpan(4 + 4 * k));
            if (sizes[k] <= 0 || (k == 0 && sizes[k] > MaxCount))
            {
                throw new IdxFormatException(name, $"dimension {k} has invalid size {sizes[k]}.");
            }
        }
    }

    private static byte[] Payload(Content content, string name, long expected)
    {
        long actual = content.Data.Length;
        if (actual < expected)
        {
            throw new IdxFormatException(name, $"is truncated: the header promises {expected} data bytes but only {actual} follow.");
        }
        if (actual > expected)
        {
            throw new IdxFormatException(name, $"has {actual - expected} trailing bytes after the {expected} data bytes the header promises.");
        }
        return content.Data;
    }
}
