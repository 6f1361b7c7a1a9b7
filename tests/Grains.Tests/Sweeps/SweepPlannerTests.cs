using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

[Trait("Category", "Unit")]
public sealed class SweepPlannerTests
{
    private static SweepPlanner.Plan Plan(SweepSpec spec, int maxRuns = 1000) => SweepPlanner.Create(spec, _ => DatasetLoader.LoadEmbedded(), maxRuns);

    [Fact]
    public void The_default_spec_is_the_40_run_study()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec());
        Assert.Empty(plan.Faults);
        Assert.Equal(40, plan.Runs.Count);
        Assert.Equal(10, plan.Runs.Count(r => r.Mode == TrainingMode.Regular));
        Assert.All(plan.Runs.Where(r => r.Mode == TrainingMode.Regular), r => Assert.Equal(0, r.Eps));
        Assert.Equal([0.1, 0.2, 0.3], plan.Runs.Where(r => r.Mode == TrainingMode.Robust).Select(r => r.Eps).Distinct().Order());
        Assert.All(plan.Runs.Where(r => r.Mode == TrainingMode.Robust), r => Assert.Equal((1e-4f, LossReduction.Sum), (r.LearningRate, r.Reduction)));
        Assert.Equal(40, plan.Runs.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public void Duplicate_points_are_dropped_and_regular_runs_ignore_the_eps_list()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { Seeds = [1, 1, 2], Eps = [0.1, 0.1], Modes = [TrainingMode.Regular, TrainingMode.Robust, TrainingMode.Regular], Norms = [ThreatNorm.Linf, ThreatNorm.Linf] });
        Assert.Empty(plan.Faults);
        Assert.Equal(4, plan.Runs.Count);
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { Modes = [(TrainingMode)7], Norms = [(ThreatNorm)9], Eps = [-1], Seeds = [], Pairs = [[0, 0]], AttackPoints = 0, Retries = -1, Concurrency = 0 });
        Assert.Empty(plan.Runs);
        foreach (string fault in new[] { "unknown mode '7'", "unknown norm '9'", "eps must be", "no seeds", "two different classes", "attack grid", "retries", "concurrency" })
        {
            Assert.Contains(plan.Faults, f => f.Contains(fault, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_grid_over_the_limit_is_rejected()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { Seeds = Enumerable.Range(1, 100).Select(i => (long)i).ToArray() }, maxRuns: 399);
        Assert.Contains(plan.Faults, f => f.Contains("400 runs, more than the limit of 399", StringComparison.Ordinal));
    }

    [Fact]
    public void Pairs_all_expands_to_the_45_pairs_of_ten_classes()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { AllPairs = true, Pairs = [], Modes = [TrainingMode.Regular], Seeds = [1] });
        Assert.Empty(plan.Faults);
        Assert.Equal(45, plan.Runs.Count);
        var pairs = plan.Runs.Select(r => (r.NegativeClass, r.PositiveClass)).ToList();
        Assert.Equal(45, pairs.Distinct().Count());
        Assert.All(pairs, p => Assert.True(p.NegativeClass < p.PositiveClass && p.PositiveClass <= 9, $"{p}"));
        Assert.Equal(SweepPairs.All(Enumerable.Range(0, 10)).Select(p => (p[0], p[1])), pairs);
    }

    [Fact]
    public void Pairs_all_over_the_run_limit_is_refused_before_anything_runs()
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { AllPairs = true, Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, maxRuns: 1000);
        Assert.Empty(plan.Runs);
        Assert.Contains(plan.Faults, f => f.Contains("1800 runs, more than the limit of 1000", StringComparison.Ordinal));
    }

    [Fact]
    public void Pairs_all_on_a_one_class_dataset_is_refused()
    {
        var one = new Dataset("one-class", "test",
            new LabeledSplit(new IdxImages(2, 1, 2, [0, 1, 2, 3]), [4, 4]), new LabeledSplit(new IdxImages(1, 1, 2, [5, 6]), [4]));
        SweepPlanner.Plan plan = SweepPlanner.Create(new SweepSpec { AllPairs = true }, _ => one, 1000);
        Assert.Empty(plan.Runs);
        Assert.Contains(plan.Faults, f => f.Contains("pairs \"all\" needs a dataset with two classes or more (one-class has 1)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "regular" }, 1, true)]
    [InlineData(new[] { "robust" }, 1, true)]
    [InlineData(new[] { "regular" }, 2, false)]
    [InlineData(new[] { "regular", "robust" }, 1, false)]
    public void Transfer_needs_two_runs_to_compare(string[] modes, int seeds, bool refused)
    {
        SweepPlanner.Plan plan = Plan(new SweepSpec { Modes = [.. modes.Select(RobustGrid.Core.Runs.EnumNames.Parse<TrainingMode>)], Eps = [0.1], Seeds = [.. Enumerable.Range(1, seeds).Select(i => (long)i)], Transfer = true });
        Assert.Equal(refused, plan.Faults.Any(f => f.Contains("transfer needs two runs", StringComparison.Ordinal)));
        Assert.Equal(refused, plan.Runs.Count == 0);
    }
}
