using System.Security.Cryptography;

namespace RobustGrid.Client.Tests.Commands;

/// <summary>Through the CLI: a sweep's id and its "already complete" answer come from what determines its results, and an id is never reused for other results.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SweepIdCommandTests : IDisposable
{
    private readonly TempDirectory _root = new("identity");

    public void Dispose() => _root.Dispose();

    private string Results => Path.Combine(_root.Path, "results");

    [Fact]
    public async Task A_dataset_replaced_under_the_same_path_is_not_served_as_complete()
    {
        string data = CopyOfFashionMnist();
        string[] args = ["sweep", "--data-dir", data, "--seeds", "1", "--modes", "regular", "--epochs", "1", "--attack-points", "3", "--results", Results];
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        string first = Assert.Single(SweepDirectories());
        Dictionary<string, string> before = Hashes(first);

        // The same path, other content: the training and test files swapped (still a valid dataset).
        foreach (string prefix in new[] { "train", "t10k" })
        {
            File.Move(Directory.GetFiles(data, prefix + "-images*").Single(), Path.Combine(data, $"{prefix}-images.tmp"));
            File.Move(Directory.GetFiles(data, prefix + "-labels*").Single(), Path.Combine(data, $"{prefix}-labels.tmp"));
        }
        File.Move(Path.Combine(data, "train-images.tmp"), Path.Combine(data, "t10k-images-idx3-ubyte.gz"));
        File.Move(Path.Combine(data, "train-labels.tmp"), Path.Combine(data, "t10k-labels-idx1-ubyte.gz"));
        File.Move(Path.Combine(data, "t10k-images.tmp"), Path.Combine(data, "train-images-idx3-ubyte.gz"));
        File.Move(Path.Combine(data, "t10k-labels.tmp"), Path.Combine(data, "train-labels-idx1-ubyte.gz"));

        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        Assert.Equal(2, SweepDirectories().Length);
        Assert.Equal(before, Hashes(first));
        // Named explicitly, the first sweep's id refuses the new content instead of serving or replacing its files.
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync([.. args, "--id", Path.GetFileName(first)]));
        Assert.Equal(before, Hashes(first));
    }

    [Fact]
    public async Task The_same_id_with_another_spec_exits_2_and_leaves_the_earlier_files_unchanged()
    {
        string[] first = ["sweep", "--seeds", "1..2", "--epochs", "1", "--eps", "0.1", "--attack-points", "3", "--id", "foo", "--results", Results];
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(first));
        string foo = Path.Combine(Results, "foo");
        Dictionary<string, string> before = Hashes(foo);

        // Refused by the CLI from foo's sweep.json...
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--seeds", "5..6", "--modes", "regular", "--epochs", "1", "--attack-points", "3", "--id", "foo", "--results", Results]));
        Assert.Equal(before, Hashes(foo));

        // ...and by the coordinator from its stored spec when the directory records none.
        File.Delete(Path.Combine(foo, "sweep.json"));
        before.Remove("sweep.json");
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--seeds", "5..6", "--modes", "regular", "--epochs", "1", "--attack-points", "3", "--id", "foo", "--results", Results]));
        Assert.Equal(before, Hashes(foo));
    }

    [Fact]
    public async Task Concurrency_and_retries_do_not_change_the_sweep_nor_retrain_it()
    {
        string[] args = ["sweep", "--seeds", "1..2", "--modes", "regular", "--epochs", "1", "--attack-points", "3", "--results", Results];
        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync(args));
        string sweep = Assert.Single(SweepDirectories());
        Dictionary<string, string> before = Hashes(sweep);

        Assert.Equal(ExitCodes.Success, await CliApp.InvokeAsync([.. args, "--concurrency", "3", "--retries", "0"]));

        Assert.Equal([sweep], SweepDirectories());
        Assert.Equal(before, Hashes(sweep));
    }

    private string[] SweepDirectories() => [.. Directory.GetDirectories(Results).Where(d => Path.GetFileName(d) != ".state").Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f)!, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private string CopyOfFashionMnist()
    {
        string data = Directory.CreateDirectory(Path.Combine(_root.Path, "data")).FullName;
        foreach (string file in Directory.GetFiles("/usr/share/datasets/fashion-mnist"))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }
        return data;
    }
}
