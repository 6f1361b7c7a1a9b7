using RobustGrid.Hosting;
using SiloSetup = RobustGrid.Hosting.SiloBuilderExtensions;

namespace RobustGrid.Grains.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class StorageChoiceTests
{
    [Theory]
    [InlineData("", "Localhost", StorageKind.Memory)]
    [InlineData("", "Redis", StorageKind.Redis)]
    [InlineData("", "kubernetes", StorageKind.Redis)]
    [InlineData("File", "Localhost", StorageKind.File)]
    [InlineData("FILE", "Redis", StorageKind.File)]
    [InlineData("memory", "Redis", StorageKind.Memory)]
    [InlineData("Redis", "Localhost", StorageKind.Redis)]
    public void Storage_is_as_configured_in_any_case_else_it_follows_clustering(string storage, string clustering, StorageKind expected) =>
        Assert.Equal(expected, SiloSetup.ChooseStorage(new RobustGridOptions { Storage = storage, Clustering = clustering }));

    [Fact]
    public void An_unknown_storage_is_refused_with_the_choices()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SiloSetup.ChooseStorage(new RobustGridOptions { Storage = "disk" }));
        Assert.Contains("Memory, Redis or File", e.Message);
    }

    [Fact]
    public void The_state_directory_defaults_to_a_hidden_directory_in_the_results_root()
    {
        Assert.Equal(Path.Combine("/data/results", ".state"), new RobustGridOptions { ResultsDirectory = "/data/results" }.StateDirectoryOrDefault());
        Assert.Equal("/var/lib/state", new RobustGridOptions { ResultsDirectory = "/data/results", StateDirectory = "/var/lib/state" }.StateDirectoryOrDefault());
    }
}
