using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Numerics;

[Trait("Category", "Unit")]
public sealed class FloatSumsTests
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 257).Concat([1000, 4097])];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sums_are_their_scalar_twins_bit_for_bit_and_the_exact_sums_within_rounding(int n)
    {
        var random = new Random(n);
        float[] x = [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1))];

        Assert.Equal(FloatSums.SumOfMagnitudesScalar(x), FloatSums.SumOfMagnitudes(x));
        Assert.Equal(FloatSums.SumOfSquaresScalar(x), FloatSums.SumOfSquares(x));
        double magnitudes = x.Sum(v => Math.Abs((double)v)), squares = x.Sum(v => (double)v * v);
        Assert.Equal(magnitudes, FloatSums.SumOfMagnitudes(x), 1e-6 * (1 + magnitudes));
        Assert.Equal(squares, FloatSums.SumOfSquares(x), 1e-6 * (1 + squares));
        Assert.Equal(Math.Sqrt(squares), FloatSums.Norm(x), 1e-6 * (1 + Math.Sqrt(squares)));
    }

    [Fact]
    public void The_fold_is_the_documented_tree_not_a_running_sum()
    {
        // 1 in lane 0 and 2^-24 in the other 15: a running sum from lane 0 rounds every small value away and gives 1.
        // The tree gives s8 = [1, 2^-23 x 7], s4 = [1 + 2^-23, 2^-22 x 3], then (1 + 3 * 2^-23) + 2^-21 = 1 + 7 * 2^-23.
        float e = MathF.Pow(2, -24);
        float[] x = [1f, .. Enumerable.Repeat(e, 15)];
        Assert.Equal(1f + 7 * 2 * e, FloatSums.SumOfMagnitudes(x));
        Assert.Equal(1f + 7 * 2 * e, FloatSums.SumOfMagnitudesScalar(x));
    }
}
