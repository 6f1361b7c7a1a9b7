using RobustGrid.Grains;
using RobustGrid.Hosting;

namespace RobustGrid.Client.Tests.Commands;

/// <summary>The hardening list: each bad input gets a clear error, exit code 2 and no output files.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _root = new("bad");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_corrupt_dataset_file_is_refused_and_nothing_is_written()
    {
        string data = CopyOfFashionMnist("data");
        string labels = Directory.GetFiles(data, "t10k-labels*").Single();
        File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..100]);   // a cut-off download
        string results = Path.Combine(_root.Path, "results");

        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--data-dir", data, "--seeds", "1", "--results", results]));
        Assert.False(Directory.Exists(results) && Directory.EnumerateFileSystemEntries(results).Any(), "a refused sweep wrote results");
    }

    [Fact]
    public async Task Image_and_label_files_that_disagree_are_refused()
    {
        string data = CopyOfFashionMnist("mismatch");
        // The training labels swapped for the test labels: 10,000 labels for 60,000 images.
        string trainLabels = Directory.GetFiles(data, "train-labels*").Single();
        File.Copy(Directory.GetFiles(data, "t10k-labels*").Single(), trainLabels, overwrite: true);

        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--data-dir", data, "--seeds", "1", "--results", Path.Combine(_root.Path, "results")]));
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["run", "--data-dir", data]));
    }

    private string CopyOfFashionMnist(string name)
    {
        string data = Directory.CreateDirectory(Path.Combine(_root.Path, name)).FullName;
        foreach (string file in Directory.GetFiles("/usr/share/datasets/fashion-mnist"))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }
        return data;
    }

    [Fact]
    public async Task A_results_directory_that_cannot_be_written_is_refused_before_any_run()
    {
        string notADirectory = Path.Combine(_root.Path, "results-is-a-file");
        File.WriteAllText(notADirectory, "");

        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--seeds", "1", "--results", notADirectory]));
        Assert.Equal("", File.ReadAllText(notADirectory));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("..")]
    public async Task Sweep_ids_that_are_paths_are_refused(string id)
    {
        string results = Path.Combine(_root.Path, "results");
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["sweep", "--seeds", "1", "--id", id, "--results", results]));
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public void Redis_password_and_tls_pass_through_from_configuration()
    {
        var redis = RobustGrid.Hosting.SiloBuilderExtensions.RedisConfiguration(new RobustGridOptions { Redis = "redis.example:6380,password=s3cret,ssl=true,sslHost=redis.example" });

        Assert.Equal("s3cret", redis.Password);
        Assert.True(redis.Ssl);
        Assert.Equal("redis.example", redis.SslHost);
        Assert.True(redis.AbortOnConnectFail);
        Assert.Equal(5000, redis.ConnectTimeout);
        Assert.DoesNotContain("s3cret", SiloStartFailure.RedactPassword("redis.example:6380,password=s3cret,ssl=true"));
    }

    [Fact]
    public void Silo_and_gateway_bind_to_loopback_unless_configured_otherwise() =>
        Assert.Equal("127.0.0.1", new RobustGridOptions().AdvertisedAddress);
}
