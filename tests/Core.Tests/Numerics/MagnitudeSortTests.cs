using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Numerics;

[Trait("Category", "Unit")]
public sealed class MagnitudeSortTests
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 257).Concat([784, 1000, 4097])];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sorts_the_magnitudes_bit_for_bit_as_the_comparison_sort(int n)
    {
        var random = new Random(n);
        float[] weights = [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.01f)];
        AssertSameBits(MagnitudeSort.Scalar(weights), MagnitudeSort.Ascending(weights));

        // Every byte of the bit patterns varies: wide exponents, both signs, zeros of both signs, repeats.
        float[] wide = [.. Enumerable.Range(0, n).Select(i => (i % 7) switch
        {
            0 => 0f,
            1 => -0f,
            2 => -BitConverter.Int32BitsToSingle(random.Next(0, 0x7F80_0000)),
            3 => weights[i / 2],
            _ => BitConverter.Int32BitsToSingle(random.Next(0, 0x7F80_0001)),
        })];
        AssertSameBits(MagnitudeSort.Scalar(wide), MagnitudeSort.Ascending(wide));
    }

    [Fact]
    public void Orders_zero_subnormals_normals_and_infinity()
    {
        float[] values = [float.PositiveInfinity, -float.Epsilon, 1f, -0f, float.MaxValue, float.NegativeInfinity, 1e-40f, -2f, 0f];
        AssertSameBits([0f, 0f, float.Epsilon, 1e-40f, 1f, 2f, float.MaxValue, float.PositiveInfinity, float.PositiveInfinity],
            MagnitudeSort.Ascending(values));
    }

    [Fact]
    public void Values_sharing_bytes_skip_passes_and_still_end_sorted()
    {
        // Equal high bytes skip the upper passes; one pass, an odd number, leaves the keys in the scratch buffer.
        float[] values = [.. Enumerable.Range(0, 300).Select(i => BitConverter.Int32BitsToSingle(0x3F80_0000 | ((i * 37) % 256)))];
        AssertSameBits(MagnitudeSort.Scalar(values), MagnitudeSort.Ascending(values));
        float[] same = [.. Enumerable.Repeat(-0.5f, 50)];
        AssertSameBits(MagnitudeSort.Scalar(same), MagnitudeSort.Ascending(same));
    }

    [Fact]
    public void A_NaN_is_sorted_as_the_comparison_sort_sorts_it()
    {
        float[] values = [3f, float.NaN, -1f, 0f, -float.NaN, 2f];
        float[] sorted = MagnitudeSort.Ascending(values);
        AssertSameBits(MagnitudeSort.Scalar(values), sorted);
        Assert.True(float.IsNaN(sorted[0]) && float.IsNaN(sorted[1]));
        Assert.Equal([0f, 1f, 2f, 3f], sorted[2..]);
    }

    [Fact]
    public void Leaves_its_input_alone()
    {
        float[] values = [-3f, 1f, -2f];
        MagnitudeSort.Ascending(values);
        Assert.Equal([-3f, 1f, -2f], values);
    }

    private static void AssertSameBits(float[] expected, float[] actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), actual.Select(BitConverter.SingleToUInt32Bits));

    [Fact]
    public void Ascending_into_a_span_writes_the_sorted_magnitudes_and_leaves_the_rest()
    {
        float[] values = [3f, -1f, 0f, -7.5f, 2f, float.Epsilon, -0f];
        float[] destination = Enumerable.Repeat(42f, values.Length + 3).ToArray();
        MagnitudeSort.Ascending(values, destination);
        AssertSameBits(MagnitudeSort.Scalar(values), destination[..values.Length]);
        Assert.Equal([42f, 42f, 42f], destination[values.Length..]);

        float[] withNaN = [1f, float.NaN, -2f];
        float[] into = new float[3];
        MagnitudeSort.Ascending(withNaN, into);
        AssertSameBits(MagnitudeSort.Scalar(withNaN), into);

        Assert.Throws<ArgumentException>(() => MagnitudeSort.Ascending(values, new float[values.Length - 1]));
    }
}
