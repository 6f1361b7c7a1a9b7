using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Numerics;

[Trait("Category", "Unit")]
public sealed class PixelKernelsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 256; n++)
        {
            data.Add(n);
        }
        foreach (int n in new[] { 783, 784, 785, 1000, 4096, 100_003 })
        {
            data.Add(n);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotBytes_matches_scalar_twin(int n)
    {
        var (row, w) = RandomInputs(n, seed: n);
        float fast = PixelKernels.DotBytes(row, w);
        float scalar = PixelKernels.DotBytesScalar(row, w);
        double exact = 0, magnitude = 0;
        for (int i = 0; i < n; i++)
        {
            exact += row[i] * (double)w[i];
            magnitude += Math.Abs(row[i] * (double)w[i]);
        }
        double tolerance = 1e-6 * magnitude + 1e-9;
        Assert.InRange(fast - exact, -tolerance, tolerance);
        Assert.InRange(scalar - exact, -tolerance, tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AccumulateRows_matches_scalar_twin_exactly(int features)
    {
        const int rows = 300; // more than 128 rows, so 16-bit lanes must be flushed mid-way
        var (pixels, _) = RandomInputs(rows * features, seed: features + 3);
        if (features > 0)
        {
            pixels.AsSpan().Fill(255); // worst case for 16-bit overflow
            new Random(features).NextBytes(pixels.AsSpan(0, rows * features / 2));
        }
        int[] positive = Enumerable.Range(0, rows).Where(i => i % 3 != 0).Append(0).ToArray();
        int[] negative = Enumerable.Range(0, rows).Where(i => i % 3 == 0).Take(features == 0 ? 0 : 90).ToArray();
        var fast = new int[features];
        var scalar = new int[features];
        for (int j = 0; j < features; j++)
        {
            fast[j] = scalar[j] = j - 50;
        }

        PixelKernels.AccumulateRows(fast, pixels, positive, negative);
        PixelKernels.AccumulateRowsScalar(scalar, pixels, positive, negative);

        Assert.Equal(scalar, fast);
        if (features > 0)
        {
            int last = features - 1;
            long expected = last - 50 + positive.Sum(i => (long)pixels[i * features + last]) - negative.Sum(i => (long)pixels[i * features + last]);
            Assert.Equal(expected, fast[last]);
        }
    }

    [Fact]
    public void AccumulateRows_rejects_bad_row_indices()
    {
        Assert.Throws<ArgumentException>(() => PixelKernels.AccumulateRows(new int[4], new byte[8], [2], []));
        Assert.Throws<ArgumentException>(() => PixelKernels.AccumulateRows(new int[4], new byte[8], [], [-1]));
        Assert.Throws<ArgumentException>(() => PixelKernels.AccumulateRows(new int[4], new byte[9], [0], []));
        Assert.Throws<ArgumentException>(() => PixelKernels.AccumulateRowsScalar(new int[4], new byte[8], [2], []));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SgdStep_matches_scalar_twin_bit_for_bit(int n)
    {
        var (_, w) = RandomInputs(n, seed: n + 2);
        if (n > 3)
        {
            w[0] = 0f;
            w[1] = -0f;
            w[2] = float.Epsilon;
        }
        var sums = new int[n];
        var random = new Random(n);
        for (int i = 0; i < n; i++)
        {
            sums[i] = random.Next(-25_500, 25_500);
        }
        float[] fast = (float[])w.Clone();
        float[] scalar = (float[])w.Clone();
        PixelKernels.SgdStep(fast, sums, 1e-4f / 255f, 3e-3f);
        PixelKernels.SgdStepScalar(scalar, sums, 1e-4f / 255f, 3e-3f);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(scalar[i]), BitConverter.SingleToInt32Bits(fast[i]));
            double sign = w[i] > 0 ? 1 : w[i] < 0 ? -1 : 0;
            double expected = w[i] + (1e-4 / 255) * sums[i] - 3e-3 * sign;
            Assert.InRange(fast[i] - expected, -1e-6, 1e-6);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(784)]
    [InlineData(1000)]
    public void Logits_matches_scalar_twin(int features)
    {
        const int rows = 13;
        var (pixels, _) = RandomInputs(rows * features, seed: features);
        var (_, w) = RandomInputs(features, seed: features + 5);
        var fast = new float[rows];
        var scalar = new float[rows];
        PixelKernels.Logits(pixels, w, 1f / 255f, 0.25f, fast);
        PixelKernels.LogitsScalar(pixels, w, 1f / 255f, 0.25f, scalar);
        for (int r = 0; r < rows; r++)
        {
            double exact = 0.25, magnitude = 0.25;
            for (int j = 0; j < features; j++)
            {
                exact += pixels[r * features + j] / 255.0 * w[j];
                magnitude += Math.Abs(pixels[r * features + j] / 255.0 * w[j]);
            }
            Assert.InRange(fast[r] - exact, -1e-6 * magnitude, 1e-6 * magnitude);
            Assert.InRange(scalar[r] - exact, -1e-6 * magnitude, 1e-6 * magnitude);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(784)]
    public void A_rows_logit_does_not_depend_on_its_position_in_the_batch(int features)
    {
        var (pixels, _) = RandomInputs(11 * features, seed: features + 9);
        var (_, w) = RandomInputs(features, seed: features + 10);
        var batch = new float[11];
        PixelKernels.Logits(pixels, w, 1f, 0f, batch);
        for (int r = 0; r < 11; r++)
        {
            var single = new float[1];
            PixelKernels.Logits(pixels.AsSpan(r * features, features), w, 1f, 0f, single);
            Assert.Equal(BitConverter.SingleToInt32Bits(single[0]), BitConverter.SingleToInt32Bits(batch[r]));
            Assert.Equal(BitConverter.SingleToInt32Bits(PixelKernels.DotBytes(pixels.AsSpan(r * features, features), w)), BitConverter.SingleToInt32Bits(batch[r]));
        }
    }

    [Fact]
    public void Mismatched_lengths_throw()
    {
        Assert.Throws<ArgumentException>(() => PixelKernels.DotBytes(new byte[5], new float[4]));
        Assert.Throws<ArgumentException>(() => PixelKernels.DotBytesScalar(new byte[5], new float[4]));
        Assert.Throws<ArgumentException>(() => PixelKernels.SgdStep(new float[5], new int[4], 1f, 1f));
        Assert.Throws<ArgumentException>(() => PixelKernels.SgdStepScalar(new float[5], new int[4], 1f, 1f));
        Assert.Throws<ArgumentException>(() => PixelKernels.Logits(new byte[10], new float[3], 1f, 0f, new float[3]));
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsScalar(new byte[10], new float[3], 1f, 0f, new float[3]));
    }

    private static (byte[] Row, float[] Weights) RandomInputs(int n, int seed)
    {
        var random = new Random(seed);
        var row = new byte[n];
        random.NextBytes(row);
        var w = new float[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = (float)(random.NextDouble() * 2 - 1) * (i % 3 == 0 ? 10f : 0.01f);
        }
        return (row, w);
    }
}
