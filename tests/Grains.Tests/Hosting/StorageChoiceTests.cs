using Microsoft.Extensions.Configuration;
using RobustGrid.Hosting;

namespace RobustGrid.Grains.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class StorageChoiceTests
{
    [Theory]
    [InlineData(null, "Localhost", StorageKind.Memory)]
    [InlineData("", "Redis", StorageKind.Redis)]
    [InlineData(null, "kubernetes", StorageKind.Redis)]
    [InlineData("File", "Localhost", StorageKind.File)]
    [InlineData("FILE", "Redis", StorageKind.File)]
    [InlineData("memory", "Redis", StorageKind.Memory)]
    [InlineData("Redis", "Localhost", StorageKind.Redis)]
    public void Storage_is_as_configured_in_any_case_else_it_follows_clustering(string? storage, string clustering, StorageKind expected) =>
        Assert.Equal(expected, Options(("Storage", storage), ("Clustering", clustering)).StorageOrDefault());

    [Theory]
    [InlineData("Storage", "disk", "Memory, Redis, File")]
    [InlineData("Clustering", "consul", "Localhost, Redis, Kubernetes")]
    public void A_name_outside_the_choices_is_refused_with_the_setting_and_its_choices(string key, string value, string choices)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Options((key, value)));
        Assert.Equal($"RobustGrid:{key} '{value}' is not one of {choices} (any case).", e.Message);
    }

    [Theory]
    [InlineData("Storage", "7")]
    [InlineData("Clustering", "3")]
    public void A_number_outside_the_choices_is_refused(string key, string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Options((key, value)));
        Assert.StartsWith($"RobustGrid:{key} must be one of", e.Message);
    }

    [Fact]
    public void An_invalid_number_is_refused_when_the_options_are_read()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Options(("MaxRunsPerSweep", "0")));
        Assert.Equal("RobustGrid:MaxRunsPerSweep must be at least 1 (got 0).", e.Message);
    }

    private static RobustGridOptions Options(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"RobustGrid:{s.Key}", s.Value)))
            .Build()
            .GetRobustGridOptions();

    [Fact]
    public void The_state_directory_defaults_to_a_hidden_directory_in_the_results_root()
    {
        Assert.Equal(Path.Combine("/data/results", ".state"), new RobustGridOptions { ResultsDirectory = "/data/results" }.StateDirectoryOrDefault());
        Assert.Equal("/var/lib/state", new RobustGridOptions { ResultsDirectory = "/data/results", StateDirectory = "/var/lib/state" }.StateDirectoryOrDefault());
    }
}
