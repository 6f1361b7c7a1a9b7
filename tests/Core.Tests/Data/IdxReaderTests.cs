using RobustGrid.Core.Data;

namespace RobustGrid.Core.Tests.Data;

[Trait("Category", "Unit")]
public sealed class IdxReaderTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_and_labels_raw_or_gzip(bool gzip)
    {
        byte[] pixels = Enumerable.Range(0, 4 * 6).Select(i => (byte)(i * 7)).ToArray();
        byte[] images = IdxFiles.Images(4, 2, 3, pixels);
        byte[] labels = IdxFiles.Labels([3, 1, 4, 1]);
        string suffix = gzip ? ".gz" : "";

        IdxImages read = IdxReader.ReadImages(_files.Write("i" + suffix, gzip ? IdxFiles.Gzip(images) : images));
        byte[] readLabels = IdxReader.ReadLabels(_files.Write("l" + suffix, gzip ? IdxFiles.Gzip(labels) : labels));

        Assert.Equal((4, 2, 3, 6), (read.Count, read.Rows, read.Columns, read.Features));
        Assert.Equal(pixels, read.Pixels);
        Assert.Equal([3, 1, 4, 1], readLabels);
    }

    public static TheoryData<string, byte[], string> BadImageFiles() => new()
    {
        { "truncated.idx", IdxFiles.Images(4, 2, 3, new byte[20]), "truncated" },
        { "short-header.idx", IdxFiles.Images(4, 2, 3, [])[..10], "truncated" },
        { "wrong-magic.idx", IdxFiles.Images(4, 2, 3, new byte[24], magic: 0x1234), "wrong magic number" },
        { "labels-as-images.idx", IdxFiles.Labels([1, 2]), "a label file where an image file was expected" },
        { "empty.idx", [], "is empty" },
        { "empty.gz", [], "is empty" },
        { "plain.gz", IdxFiles.Images(1, 2, 3, new byte[6]), "named .gz but is not gzip-compressed" },
        { "corrupt.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5], "not a valid gzip stream" },
        { "trailing.idx", IdxFiles.Images(1, 2, 3, new byte[7]), "1 trailing bytes" },
        { "zero-rows.idx", IdxFiles.Images(1, 0, 3, []), "invalid size" },
        { "negative-count.idx", IdxFiles.Images(-1, 2, 3, []), "invalid size" },
        { "huge-side.idx", IdxFiles.Images(1, 5000, 5000, []), "exceeds" },
    };

    [Theory]
    [MemberData(nameof(BadImageFiles))]
    public void Bad_image_files_raise_one_typed_error_naming_file_and_fault(string name, byte[] content, string fault)
    {
        string path = _files.Write(name, content);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains(fault, e.Message);
    }

    [Fact]
    public void A_gzip_file_of_several_members_reads_whole_though_its_trailer_gives_only_the_last_members_size()
    {
        byte[] pixels = Enumerable.Range(0, 40 * 6).Select(i => (byte)(i * 13)).ToArray();
        byte[] images = IdxFiles.Images(40, 2, 3, pixels);
        byte[] twoMembers = [.. IdxFiles.Gzip(images[..100]), .. IdxFiles.Gzip(images[100..])];

        IdxImages read = IdxReader.ReadImages(_files.Write("members.gz", twoMembers));

        Assert.Equal(pixels, read.Pixels);
    }

    [Fact]
    public void A_truncated_gzip_file_is_a_typed_error()
    {
        byte[] gz = IdxFiles.Gzip(IdxFiles.Images(50, 2, 3, new byte[300]));
        string path = _files.Write("cut.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("cut.gz", e.Message);
    }

    [Fact]
    public void Mismatched_image_and_label_counts_name_both_files()
    {
        _files.WriteDataset(train: 5, test: 3, classes: 2, gzip: false);
        _files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([0, 1, 0, 1]));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.LoadDirectory(_files.Directory));
        Assert.Contains("train-labels-idx1-ubyte", e.Message);
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("4 labels", e.Message);
    }

    [Fact]
    public void A_missing_file_or_directory_is_a_dataset_error()
    {
        _files.WriteDataset(train: 5, test: 3, classes: 2, gzip: true);
        File.Delete(Path.Combine(_files.Directory, "t10k-labels-idx1-ubyte.gz"));

        var missing = Assert.Throws<DatasetException>(() => DatasetLoader.LoadDirectory(_files.Directory));
        Assert.Contains("missing t10k-labels-idx1-ubyte", missing.Message);
        var none = Assert.Throws<DatasetException>(() => DatasetLoader.LoadDirectory(Path.Combine(_files.Directory, "nope")));
        Assert.Contains("no such directory", none.Message);
    }

    [Fact]
    public void Raw_and_gzip_copies_hash_equal_and_one_pixel_changes_the_hash()
    {
        using var raw = new IdxFiles();
        using var gz = new IdxFiles();
        raw.WriteDataset(train: 20, test: 10, classes: 3, gzip: false, seed: 5);
        gz.WriteDataset(train: 20, test: 10, classes: 3, gzip: true, seed: 5);
        Dataset a = DatasetLoader.LoadDirectory(raw.Directory);
        Dataset b = DatasetLoader.LoadDirectory(gz.Directory);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(64, a.ContentHash.Length);
        Assert.Equal([0, 1, 2], a.Classes);

        byte[] images = File.ReadAllBytes(Path.Combine(raw.Directory, "t10k-images-idx3-ubyte"));
        images[^1] ^= 1;
        File.WriteAllBytes(Path.Combine(raw.Directory, "t10k-images-idx3-ubyte"), images);
        Assert.NotEqual(a.ContentHash, DatasetLoader.LoadDirectory(raw.Directory).ContentHash);
    }
}
