using RobustGrid.Core.Evaluation;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>Records of the right shape made without training, for tests of sweeps of thousands of runs.</summary>
internal static class FakeRecords
{
    private static readonly float[] _weights = new float[784];
    private static readonly float[] _quantiles = [.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => q * 0.1f)];

    /// <summary>A completed run with a three-point curve, one epoch and one fooled sample (test index seed mod 50).</summary>
    public static RunRecord Of(RunSpec r) =>
        new(r.Key, r, RunStatus.Completed, null, 1, "s", 0.01, 1, 1, 0.25, 0.2, 0, 0, 0, _weights, [0, 0.25, 0.5], [1, 0.6, 0.1],
            [new EpochRecord(1, 0.5, 0.5, 0.9, 0.9)], [new MisclassifiedRecord(1, 0, (int)(r.Seed % 50), -0.5f)], [0, 1, 2], [[], _quantiles, _quantiles]);
}
