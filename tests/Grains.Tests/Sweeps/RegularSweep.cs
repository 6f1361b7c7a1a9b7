using RobustGrid.Core.Data;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>A small sweep of regular runs on the embedded digits (one pair, seeds 1..n), planned as a coordinator plans it.</summary>
internal static class RegularSweep
{
    public static SweepSpec Spec(int seeds) => new() { Modes = [TrainingMode.Regular], Seeds = [.. Enumerable.Range(1, seeds).Select(s => (long)s)] };

    public static IReadOnlyList<RunSpec> Runs(int seeds) => SweepPlanner.Create(Spec(seeds), _ => DatasetLoader.LoadEmbedded(), 100).Runs;
}
