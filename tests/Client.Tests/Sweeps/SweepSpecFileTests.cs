using RobustGrid.Client.Sweeps;

namespace RobustGrid.Client.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepSpecFileTests
{
    [Fact]
    public void Reads_a_spec_with_a_seed_range_and_a_data_dir()
    {
        var spec = SweepSpecFile.Parse("""{ "modes": ["robust"], "eps": [0.2], "seeds": "1..5", "dataDir": "/tmp/x", "clip": true }""", "spec.json");

        Assert.Equal([RobustGrid.Core.Training.TrainingMode.Robust], spec.Modes);
        Assert.Equal([0.2], spec.Eps);
        Assert.Equal([1L, 2, 3, 4, 5], spec.Seeds);
        Assert.Equal("/tmp/x", spec.Dataset.Directory);
        Assert.True(spec.Clip);
        Assert.Equal([RobustGrid.Core.Evaluation.ThreatNorm.Linf], spec.Norms);
    }

    [Fact]
    public void Modes_and_norms_are_read_by_their_names_in_any_case()
    {
        var spec = SweepSpecFile.Parse("""{ "modes": [" Robust", "REGULAR"], "norms": ["L2", "linf"] }""", "spec.json");

        Assert.Equal([RobustGrid.Core.Training.TrainingMode.Robust, RobustGrid.Core.Training.TrainingMode.Regular], spec.Modes);
        Assert.Equal([RobustGrid.Core.Evaluation.ThreatNorm.L2, RobustGrid.Core.Evaluation.ThreatNorm.Linf], spec.Norms);
        Assert.Contains("\"modes\":[\"robust\",\"regular\"]", SweepSpecFile.Serialize(spec));
    }

    [Theory]
    [InlineData("""{ "mode": ["robust"] }""", "mode")]
    [InlineData("""{ "modes": ["adversarial"] }""", "unknown mode 'adversarial' (expected one of regular, robust)")]
    [InlineData("""{ "norms": ["l2", "l9"] }""", "unknown norm 'l9' (expected one of linf, l2, l1)")]
    [InlineData("""{ "modes": [1] }""", "unknown mode")]
    [InlineData("""{ "seeds": "5..1" }""", "bad seeds")]
    [InlineData("""{ "seeds": "x" }""", "bad seeds")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{ "eps": [0.1,""", "spec.json")]
    [InlineData("""{ "pairs": "some" }""", "pairs must be \"all\"")]
    [InlineData("""{ "pairs": "all", "allPairs": false }""", "not both")]
    [InlineData("""{ "transfer": "yes" }""", "transfer")]
    public void Bad_files_give_a_message_naming_the_file_and_fault(string json, string fault)
    {
        var e = Assert.Throws<SweepSpecException>(() => SweepSpecFile.Parse(json, "spec.json"));
        Assert.StartsWith("spec.json", e.Message);
        Assert.Contains(fault, e.Message);
    }

    [Theory]
    [InlineData("1..3", new long[] { 1, 2, 3 })]
    [InlineData("7", new long[] { 7 })]
    [InlineData("1..2, 9", new long[] { 1, 2, 9 })]
    public void Seed_lists_and_ranges(string text, long[] expected) => Assert.Equal(expected, SeedList.Parse(text));

    [Theory]
    [InlineData("1..100000000", "seeds '1..100000000' are 100,000,000 seeds; a sweep takes at most 1,000,000.")]
    [InlineData("1..1000000,0", "seeds '1..1000000,0' are 1,000,001 seeds; a sweep takes at most 1,000,000.")]
    [InlineData("0..9223372036854775807", "seeds '0..9223372036854775807' are 9,223,372,036,854,775,808 seeds; a sweep takes at most 1,000,000.")]
    [InlineData("1..10,5..1", "bad seeds '5..1': write a list like 1,2,3 or a range like 1..100.")]
    public void Too_many_seeds_are_refused_saying_the_limit_and_a_malformed_part_saying_how_to_write_one(string text, string message) =>
        Assert.Equal(message, Assert.Throws<SweepSpecException>(() => SeedList.Parse(text)).Message);

    [Fact]
    public void A_range_that_ends_at_the_largest_long_ends() =>
        Assert.Equal([long.MaxValue - 1, long.MaxValue], SeedList.Parse("9223372036854775806..9223372036854775807"));

    [Fact]
    public void Pairs_all_and_transfer_are_read()
    {
        var spec = SweepSpecFile.Parse("""{ "pairs": "all", "transfer": true }""", "spec.json");

        Assert.True(spec.AllPairs);
        Assert.True(spec.Transfer);
        Assert.False(SweepSpecFile.Parse("""{ "pairs": [[3, 5]] }""", "spec.json").AllPairs);
    }
}
