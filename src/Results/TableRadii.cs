using RobustGrid.Core.Evaluation;

namespace RobustGrid.Results;

/// <summary>
/// The attack radii a summary table (the CLI's and the report's) shows accuracy at, from a run's attack grid.
/// </summary>
public static class TableRadii
{
    /// <summary>Where the default radii sit along the grid, as fractions of the way from its first radius to its last.</summary>
    public static IReadOnlyList<double> Fractions { get; } = [0.2, 0.4, 0.6];

    /// <summary>
    /// The radii of a table for <paramref name="grid"/>. By default the grid points nearest 20%, 40% and 60% of the
    /// way from the first radius to the last (0.1, 0.2 and 0.3 on the study's linspace(0, 0.5, 101); 1, 2 and 3 on an
    /// L2 grid up to 5): evenly placed, and short of the tail where every model is at 0. Requested radii are each
    /// moved to the nearest grid point when they lie on the grid's span (within half a step); one off the grid is
    /// kept as given, and its column shows no value. Repeats are dropped; the order is kept.
    /// </summary>
    public static double[] For(AttackGrid grid, IReadOnlyList<double>? requested = null)
    {
        if (grid.Count < 1)
        {
            return [.. (requested ?? []).Distinct()];
        }
        double[] values = grid.Values();
        IEnumerable<double> wanted = requested ?? Fractions.Select(f => grid.Start + f * (grid.Stop - grid.Start));
        return [.. wanted.Select(e => IndexOf(grid, e) is int i and >= 0 ? values[i] : e).Distinct()];
    }

    /// <summary>The index of the grid point nearest <paramref name="eps"/>, or -1 when it is more than half a step off the grid.</summary>
    public static int IndexOf(AttackGrid grid, double eps)
    {
        if (grid.Count <= 1)
        {
            return grid.Count == 1 && Math.Abs(eps - grid.Start) < 1e-9 ? 0 : -1;
        }
        double step = (grid.Stop - grid.Start) / (grid.Count - 1);
        if (step <= 0)
        {
            return Math.Abs(eps - grid.Start) < 1e-9 ? 0 : -1;
        }
        double position = (eps - grid.Start) / step;
        int index = (int)Math.Round(position);
        return index >= 0 && index < grid.Count && Math.Abs(position - index) <= 0.5 + 1e-9 ? index : -1;
    }
}
