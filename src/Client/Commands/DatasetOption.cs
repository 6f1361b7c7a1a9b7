using System.CommandLine;
using RobustGrid.Core.Data;

namespace RobustGrid.Client.Commands;

/// <summary>The shared <c>--data-dir</c> option: a directory of the four standard IDX files, or the embedded MNIST subset.</summary>
public static class DatasetOption
{
    public static Option<DirectoryInfo?> Create() => new("--data-dir")
    {
        Description = "Directory with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]. Default: the embedded 10,000-digit MNIST subset.",
    };

    /// <summary>Loads the dataset the option names; <see cref="DatasetException"/> on a missing or bad file.</summary>
    public static Dataset Load(DirectoryInfo? directory) =>
        directory is null ? DatasetLoader.LoadEmbedded() : DatasetLoader.LoadDirectory(directory.FullName);
}
