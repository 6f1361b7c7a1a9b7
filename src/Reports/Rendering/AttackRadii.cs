namespace RobustGrid.Reports.Rendering;

/// <summary>The attack radii single-radius figures show, matched to the nearest points of a run's attack grid.</summary>
internal static class AttackRadii
{
    /// <summary>Indexes into <paramref name="grid"/> nearest each wanted radius within its range, without repeats.</summary>
    public static int[] Nearest(IReadOnlyList<double> grid, IEnumerable<double> wanted) =>
        grid.Count == 0
            ? []
            : [.. wanted
                .Where(e => e >= grid[0] - 1e-12 && e <= grid[^1] + 1e-12)
                .Select(e => Enumerable.Range(0, grid.Count).MinBy(g => Math.Abs(grid[g] - e)))
                .Distinct()];
}
