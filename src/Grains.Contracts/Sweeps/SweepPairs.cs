using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>"pairs": "all" (<see cref="SweepSpec.AllPairs"/>): every pair of a dataset's classes, 45 for ten classes.</summary>
public static class SweepPairs
{
    /// <summary>Every [a, b] with a &lt; b among <paramref name="classes"/>, ordered by a then b.</summary>
    public static int[][] All(IEnumerable<int> classes)
    {
        int[] sorted = [.. classes.Distinct().Order()];
        var pairs = new List<int[]>(sorted.Length * (sorted.Length - 1) / 2);
        for (int i = 0; i < sorted.Length; i++)
        {
            for (int j = i + 1; j < sorted.Length; j++)
            {
                pairs.Add([sorted[i], sorted[j]]);
            }
        }
        return [.. pairs];
    }

    /// <summary>The spec with "all" replaced by the dataset's pairs, so it names the same sweep as the pairs written out.</summary>
    public static SweepSpec Expand(SweepSpec spec, Dataset dataset) =>
        spec.AllPairs ? spec with { AllPairs = false, Pairs = All(dataset.Classes) } : spec;
}
