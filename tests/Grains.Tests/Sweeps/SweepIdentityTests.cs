using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepIdentityTests
{
    [Fact]
    public void Execution_settings_and_the_dataset_path_do_not_change_the_identity()
    {
        var spec = new SweepSpec { Seeds = [1, 2], Dataset = new DatasetRef("/data/a") };
        var moved = spec with { Seeds = [2, 1, 2], Concurrency = 8, Retries = 0, Dataset = new DatasetRef("/elsewhere/b"), Modes = [TrainingMode.Robust, TrainingMode.Regular, TrainingMode.Robust] };

        Assert.Null(SweepIdentity.Of(spec, "h1").Difference(SweepIdentity.Of(moved, "h1")));
        Assert.Equal(SweepIdentity.Of(spec, "h1").DefaultSweepId(), SweepIdentity.Of(moved, "h1").DefaultSweepId());
        Assert.NotEqual(SweepIdentity.Of(spec, "h1").DefaultSweepId(), SweepIdentity.Of(spec, "h2").DefaultSweepId());
    }

    [Fact]
    public void The_difference_is_one_line_naming_each_field_the_existing_value_first()
    {
        var existing = SweepIdentity.Of(new SweepSpec { Seeds = [1, 2] }, "aaaa");
        var requested = SweepIdentity.Of(new SweepSpec { Seeds = [5, 6], Modes = [TrainingMode.Regular] }, "aaaa");

        Assert.Equal("modes regular,robust vs regular; eps 0.1,0.2,0.3 vs none; seeds 1..2 vs 5..6", existing.Difference(requested));
    }

    [Fact]
    public void A_sweep_json_reads_back_as_the_same_identity()
    {
        var identity = SweepIdentity.Of(new SweepSpec { Seeds = [1, 2, 3, 7], LearningRate = 0.05f, Pairs = [[3, 5], [0, 1]] }, "abc");

        Assert.Null(SweepIdentity.Parse(identity.ToJson())!.Difference(identity));
        Assert.Null(SweepIdentity.Parse("{ not json"));
        Assert.Null(SweepIdentity.Parse("{}"));
    }

    [Fact]
    public void Pairs_all_written_out_is_the_same_sweep_as_its_pairs_and_transfer_is_named_only_when_asked()
    {
        var dataset = RobustGrid.Core.Data.DatasetLoader.LoadEmbedded();
        var all = SweepPairs.Expand(new SweepSpec { AllPairs = true, Seeds = [1] }, dataset);
        var listed = new SweepSpec { Seeds = [1], Pairs = [.. Enumerable.Range(0, 10).SelectMany(a => Enumerable.Range(a + 1, 9 - a).Select(b => new[] { b, a }.Order().ToArray())).Reverse()] };

        Assert.False(all.AllPairs);
        Assert.Equal(45, all.Pairs.Length);
        Assert.Equal(SweepIdentity.Of(listed, "h").ToJson(), SweepIdentity.Of(all, "h").ToJson());
        // Sweeps without transfer keep the sweep.json (and default id) they always had; with it, the identity differs.
        Assert.DoesNotContain("transfer", SweepIdentity.Of(listed, "h").ToJson(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("allPairs", SweepIdentity.Of(listed, "h").ToJson(), StringComparison.Ordinal);
        var transfer = SweepIdentity.Of(listed with { Transfer = true }, "h");
        Assert.Contains("\"transfer\":true", transfer.ToJson(), StringComparison.Ordinal);
        Assert.Equal("transfer false vs true", SweepIdentity.Of(listed, "h").Difference(transfer));
        Assert.Null(SweepIdentity.Parse(transfer.ToJson())!.Difference(transfer));
    }
}
