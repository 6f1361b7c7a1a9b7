using RobustGrid.Core.Evaluation;

namespace RobustGrid.Results.Tests;

public sealed class TableRadiiTests
{
    [Fact]
    public void The_default_radii_are_the_grid_points_nearest_20_40_and_60_percent_of_the_grid()
    {
        Assert.Equal([0.1, 0.2, 0.3], TableRadii.For(AttackGrid.Default).Select(e => Math.Round(e, 12)));
        Assert.Equal([1.0, 2.0, 3.0], TableRadii.For(new AttackGrid(0, 5, 51)).Select(e => Math.Round(e, 12)));
        // A coarse grid: 20% of 0..1 on 4 points is nearest 1/3, 40% nearest 1/3 too (dropped), 60% nearest 2/3.
        Assert.Equal([1 / 3.0, 2 / 3.0], TableRadii.For(new AttackGrid(0, 1, 4)).Select(e => Math.Round(e, 12)), new ToleranceComparer());
        Assert.Equal([0.25], TableRadii.For(new AttackGrid(0.25, 0.25, 1)));
    }

    [Fact]
    public void Requested_radii_move_to_the_nearest_grid_point_and_off_the_grid_stay_as_given()
    {
        double[] radii = TableRadii.For(AttackGrid.Default, [0.101, 0.3, 0.7, 0.3]);
        Assert.Equal([0.1, 0.3, 0.7], radii.Select(e => Math.Round(e, 12)));
        Assert.Equal(20, TableRadii.IndexOf(AttackGrid.Default, radii[0]));
        Assert.Equal(-1, TableRadii.IndexOf(AttackGrid.Default, 0.7));
        Assert.Equal(-1, TableRadii.IndexOf(AttackGrid.Default, -0.01));
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
