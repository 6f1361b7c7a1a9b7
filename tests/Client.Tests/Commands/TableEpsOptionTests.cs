using RobustGrid.Client.Commands;

namespace RobustGrid.Client.Tests.Commands;

public sealed class TableEpsOptionTests
{
    [Fact]
    public void Radii_are_comma_separated_non_negative_numbers_and_absent_means_the_default()
    {
        Assert.True(TableEpsOption.TryParse(null, out var none, out _));
        Assert.Null(none);
        Assert.True(TableEpsOption.TryParse("0.5, 1,2.5", out var radii, out _));
        Assert.Equal([0.5, 1.0, 2.5], radii!);
        foreach (string bad in new[] { "", "0.1,,0.2", "-0.1", "NaN", "0,1;2", "x" })
        {
            Assert.False(TableEpsOption.TryParse(bad, out _, out string error), bad);
            Assert.Contains("--table-eps", error);
        }
    }
}
