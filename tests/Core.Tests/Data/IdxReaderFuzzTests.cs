using CsCheck;
using RobustGrid.Core.Data;

namespace RobustGrid.Core.Tests.Data;

/// <summary>
/// Fuzzing the IDX reader for a bounded time: valid files mutated (bytes flipped, cut, extended, the header
/// rewritten), raw or gzip. Whatever comes in, the reader returns a consistent result or raises its one typed
/// error (<see cref="IdxFormatException"/>); nothing else may escape.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class IdxReaderFuzzTests
{
    private const int Seconds = 8;

    private static readonly Gen<byte[]> _mutatedImages =
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 5], Gen.Int[1, 5], (n, r, c) => IdxFiles.Images(n, r, c, new byte[n * r * c]))
            .SelectMany(Mutate);

    private static readonly Gen<byte[]> _mutatedLabels =
        Gen.Int[0, 12].Select(n => IdxFiles.Labels(new byte[n])).SelectMany(Mutate);

    [Fact]
    public void Image_files_either_read_consistently_or_raise_the_typed_error() =>
        _mutatedImages.Select(Gen.Bool).Sample((file, gzip) =>
        {
            try
            {
                IdxImages images = IdxReader.ReadImages(new MemoryStream(gzip ? IdxFiles.Gzip(file) : file), "fuzz.idx3");
                Assert.Equal((long)images.Count * images.Rows * images.Columns, images.Pixels.Length);
            }
            catch (IdxFormatException e)
            {
                Assert.Contains("fuzz.idx3", e.Message);
            }
        }, time: Seconds, threads: 1);

    [Fact]
    public void Label_files_either_read_or_raise_the_typed_error() =>
        _mutatedLabels.Select(Gen.Bool).Sample((file, gzip) =>
        {
            try
            {
                IdxReader.ReadLabels(new MemoryStream(gzip ? IdxFiles.Gzip(file) : file), "fuzz.idx1");
            }
            catch (IdxFormatException e)
            {
                Assert.Contains("fuzz.idx1", e.Message);
            }
        }, time: Seconds, threads: 1);

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_the_typed_error() =>
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            try
            {
                IdxReader.ReadImages(new MemoryStream(bytes), "noise");
            }
            catch (IdxFormatException)
            {
            }
        }, time: Seconds / 2, threads: 1);

    /// <summary>One of: flip a byte, cut the file, append bytes, or overwrite a header field with a random int.</summary>
    private static Gen<byte[]> Mutate(byte[] file) => Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => Gen.Select(Gen.Int[0, file.Length - 1], Gen.Byte, (at, value) => With(file, b => b[at] = value)),
        1 => Gen.Int[0, file.Length].Select(length => file[..length]),
        2 => Gen.Byte.Array[1, 16].Select(extra => (byte[])[.. file, .. extra]),
        _ => Gen.Select(Gen.Int[0, Math.Max(0, Math.Min(4, file.Length / 4 - 1))], Gen.Int, (field, value) => With(file, b =>
        {
            byte[] big = BitConverter.GetBytes(value);
            Array.Reverse(big);
            big.CopyTo(b, field * 4);
        })),
    });

    private static byte[] With(byte[] file, Action<byte[]> change)
    {
        byte[] copy = [.. file];
        change(copy);
        return copy;
    }
}
