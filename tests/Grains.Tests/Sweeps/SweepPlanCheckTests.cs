using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepPlanCheckTests
{
    private static readonly Dataset _embedded = DatasetLoader.LoadEmbedded();
    private static readonly SweepSpec _spec = RegularSweep.Spec(3);
    private static readonly IReadOnlyList<RunSpec> _runs = RegularSweep.Runs(3);

    [Fact]
    public void The_fingerprint_is_the_hash_of_the_sorted_run_keys_whatever_their_order()
    {
        RunSpec Keyed(string key) => RunSpec.From(_runs[0].ToPoint(), _runs[0].Dataset, key);

        // Persisted in every sweep's state: a resumed sweep compares against fingerprints written by earlier builds.
        Assert.Equal("205830ca5b23bbe39ab510cfddc1dff2d9842e38b5fa7b7c48cd4ca7e44f92a1", SweepPlanCheck.Fingerprint([Keyed("c"), Keyed("a"), Keyed("b")]));
        Assert.Equal(SweepPlanCheck.Fingerprint(_runs), SweepPlanCheck.Fingerprint(_runs.Reverse()));
        Assert.NotEqual(SweepPlanCheck.Fingerprint(_runs), SweepPlanCheck.Fingerprint(_runs.Skip(1)));
    }

    [Fact]
    public void The_same_spec_over_the_same_data_gives_the_runs_it_started_with()
    {
        (IReadOnlyList<RunSpec>? runs, string? fault) = SweepPlanCheck.Replan("s1", _spec, SweepPlanCheck.Fingerprint(_runs), _ => _embedded);

        Assert.Null(fault);
        Assert.Equal(_runs.Select(r => r.Key), runs!.Select(r => r.Key));
    }

    [Fact]
    public void A_dataset_whose_content_changed_cannot_resume()
    {
        (IReadOnlyList<RunSpec>? runs, string? fault) = SweepPlanCheck.Replan("s1", _spec with { Pairs = [[0, 1]] }, SweepPlanCheck.Fingerprint(_runs), _ => Tiny(7));

        Assert.Null(runs);
        Assert.Equal("sweep 's1' cannot resume: its spec no longer gives the runs it started with (its dataset's content changed).", fault);
    }

    [Fact]
    public void A_dataset_that_is_gone_cannot_resume_and_the_planner_says_why()
    {
        (IReadOnlyList<RunSpec>? runs, string? fault) = SweepPlanCheck.Replan("s1", _spec, SweepPlanCheck.Fingerprint(_runs), _ => throw new DatasetException("no such directory: /data/gone"));

        Assert.Null(runs);
        Assert.StartsWith("sweep 's1' cannot resume: its spec no longer gives the runs it started with (dataset: no such directory: /data/gone", fault, StringComparison.Ordinal);
        Assert.EndsWith(").", fault, StringComparison.Ordinal);
    }

    [Fact]
    public void Specs_that_differ_only_in_execution_settings_give_the_same_results()
    {
        SweepSpec again = _spec with { Concurrency = 3, Retries = 0, Seeds = [3, 2, 1] };
        Assert.Null(SweepPlanCheck.SpecDifference(_spec, again, _ => throw new InvalidOperationException("the same dataset is not loaded")));
    }

    [Fact]
    public void A_different_grid_is_named_the_existing_value_first()
    {
        Assert.Equal("seeds 1..3 vs 5", SweepPlanCheck.SpecDifference(_spec, _spec with { Seeds = [5] }, _ => _embedded));
    }

    [Fact]
    public void Two_dataset_paths_are_the_same_sweep_when_their_contents_are_the_same()
    {
        SweepSpec here = _spec with { Dataset = new DatasetRef("/data/here") }, there = _spec with { Dataset = new DatasetRef("/data/there") };

        Assert.Null(SweepPlanCheck.SpecDifference(here, there, _ => _embedded));
        string differs = SweepPlanCheck.SpecDifference(here, there, d => d == here.Dataset ? _embedded : Tiny(7))!;
        Assert.Equal($"dataset {_embedded.ContentHash[..12]} vs {Tiny(7).ContentHash[..12]}", differs);
    }

    [Fact]
    public void A_dataset_that_cannot_be_read_differs_from_any_other()
    {
        SweepSpec gone = _spec with { Dataset = new DatasetRef("/data/gone") };
        string? differs = SweepPlanCheck.SpecDifference(gone, _spec, d => d.IsEmbedded ? _embedded : throw new DatasetException("missing"));
        // The identity shortens each side to 12 characters, so the path is cut ("unreadable /"); what matters is that it differs.
        Assert.StartsWith("dataset unreadable ", differs, StringComparison.Ordinal);
        Assert.EndsWith($" vs {_embedded.ContentHash[..12]}", differs, StringComparison.Ordinal);
    }

    /// <summary>Two 1x2 images of classes 0 and 1 in each split; <paramref name="pixel"/> makes their content (and hash) differ.</summary>
    private static Dataset Tiny(byte pixel) => new("tiny", "test",
        new LabeledSplit(new IdxImages(2, 1, 2, [pixel, 1, 2, 3]), [0, 1]), new LabeledSplit(new IdxImages(2, 1, 2, [5, 6, 7, 8]), [0, 1]));
}
