namespace RobustGrid.Client.Data;

/// <summary>The four official MNIST files and their published MD5 sums.</summary>
public static class MnistFiles
{
    /// <summary>A long-standing public mirror of the official files.</summary>
    public static Uri DefaultMirror { get; } = new("https://storage.googleapis.com/cvdf-datasets/mnist/");

    public static IReadOnlyList<RemoteFile> Official { get; } =
    [
        new("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        new("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
        new("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
        new("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
    ];
}
