using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Runs;

[Trait("Category", "Unit")]
public sealed class RunPointTests
{
    private static readonly RunPoint _point = new(
        "mnist-embedded", new string('a', 64), 0, 1, TrainingMode.Robust, ThreatNorm.Linf, 0.1, 1,
        HyperParameters.SeedFaithful(TrainingMode.Robust), AttackGrid.Default, false, 10);

    [Fact]
    public void Key_is_stable_and_depends_on_every_field_that_changes_the_result()
    {
        Assert.Equal(_point.Key, (_point with { }).Key);
        Assert.Equal(_point.Key, (_point with { DatasetName = "renamed" }).Key);
        Assert.StartsWith("rk1-", _point.Key);
        Assert.Equal(28, _point.Key.Length);
        RunPoint[] variants =
        [
            _point with { DatasetHash = new string('b', 64) },
            _point with { NegativeClass = 2 },
            _point with { PositiveClass = 7 },
            _point with { Mode = TrainingMode.Regular, Eps = 0 },
            _point with { Norm = ThreatNorm.L2 },
            _point with { Eps = 0.1000000001 },
            _point with { Seed = 2 },
            _point with { HyperParameters = _point.HyperParameters with { Epochs = 11 } },
            _point with { HyperParameters = _point.HyperParameters with { BatchSize = 99 } },
            _point with { HyperParameters = _point.HyperParameters with { LearningRate = 2e-4f } },
            _point with { HyperParameters = _point.HyperParameters with { Reduction = LossReduction.Mean } },
            _point with { HyperParameters = _point.HyperParameters with { Shuffle = true } },
            _point with { AttackGrid = new AttackGrid(0, 0.6, 101) },
            _point with { Clip = true },
            _point with { ClosestCount = 5 },
        ];
        var keys = variants.Select(v => v.Key).Append(_point.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Canonical_text_uses_invariant_round_trip_numbers()
    {
        Assert.Equal(
            $"v2|{new string('a', 64)}|pair=0,1|robust|linf|eps=0.1|seed=1|epochs=10|batch=100|lr=0.0001|sum|ordered|grid=0:0.5:101|noclip|k=10",
            _point.CanonicalText());
    }

    [Fact]
    public void Validation_names_each_fault()
    {
        RunPoint bad = _point with { NegativeClass = 1, Eps = -1, AttackGrid = new AttackGrid(0, 0.5, 0), ClosestCount = -1 };
        IReadOnlyList<string> faults = bad.Validate();
        Assert.Contains(faults, f => f.Contains("eps"));
        Assert.Contains(faults, f => f.Contains("class pair"));
        Assert.Contains(faults, f => f.Contains("attack grid"));
        Assert.Contains(faults, f => f.Contains("closest"));
        Assert.Empty(_point.Validate());
    }

    [Fact]
    public void Default_grid_is_the_studys_linspace()
    {
        double[] grid = AttackGrid.Default.Values();
        Assert.Equal(101, grid.Length);
        Assert.Equal(0.0, grid[0]);
        Assert.Equal(0.5, grid[^1]);
        Assert.Equal(0.1, grid[20], 15);
        Assert.Equal(0.25, grid[50], 15);
    }
}
