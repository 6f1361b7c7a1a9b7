namespace RobustGrid.Core.Evaluation;

/// <summary>The attack radii: <paramref name="Count"/> evenly spaced values from Start to Stop (numpy's linspace).</summary>
public sealed record AttackGrid(double Start, double Stop, int Count)
{
    /// <summary>The study's grid: linspace(0, 0.5, 101).</summary>
    public static AttackGrid Default { get; } = new(0.0, 0.5, 101);

    public const int MaxCount = 100_000;

    /// <summary>Returns the faults of this grid, empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var faults = new List<string>();
        if (!double.IsFinite(Start) || !double.IsFinite(Stop) || Start < 0 || Stop < Start)
        {
            faults.Add($"the attack grid needs finite 0 <= start <= stop (got {Start}..{Stop}).");
        }
        if (Count < 1 || Count > MaxCount)
        {
            faults.Add($"the attack grid needs 1..{MaxCount} points (got {Count}).");
        }
        return faults;
    }

    /// <summary>The radii, ascending: start + i * (stop - start) / (count - 1), with the last one exactly stop.</summary>
    public double[] Values()
    {
        var values = new double[Count];
        if (Count == 1)
        {
            values[0] = Start;
            return values;
        }
        double step = (Stop - Start) / (Count - 1);
        for (int i = 0; i < Count; i++)
        {
            values[i] = Start + i * step;
        }
        values[^1] = Stop;
        return values;
    }
}
