using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Numerics;

[Trait("Category", "Unit")]
public sealed class LogitsGroupTests
{
    public static TheoryData<int> Features()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 256; n++)
        {
            data.Add(n);
        }
        foreach (int n in new[] { 783, 784, 785, 1000, 4096, 20_011 })
        {
            data.Add(n);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Matches_scalar_twin_for_every_group_size(int features)
    {
        int rows = features > 1000 ? 6 : 9; // a block of four and a remainder
        int maxModels = features > 1000 ? 5 : 9;
        var random = new Random(features);
        byte[] pixels = Bytes(random, rows * features);
        for (int k = 1; k <= maxModels; k++)
        {
            float[] weights = Weights(random, k * features);
            float[] biases = Weights(random, k);
            var fast = new float[k * rows];
            var scalar = new float[k * rows];
            PixelKernels.LogitsGroup(pixels, weights, biases, 1f / 255f, fast);
            PixelKernels.LogitsGroupScalar(pixels, weights, biases, 1f / 255f, scalar);
            for (int q = 0; q < k; q++)
            {
                for (int r = 0; r < rows; r++)
                {
                    double exact = biases[q], magnitude = Math.Abs(biases[q]);
                    for (int j = 0; j < features; j++)
                    {
                        double term = pixels[r * features + j] / 255.0 * weights[q * features + j];
                        exact += term;
                        magnitude += Math.Abs(term);
                    }
                    double tolerance = 1e-6 * magnitude + 1e-9;
                    Assert.InRange(fast[q * rows + r] - exact, -tolerance, tolerance);
                    Assert.InRange(scalar[q * rows + r] - exact, -tolerance, tolerance);
                }
            }
        }
    }

    [Fact]
    public void Every_entry_has_the_bits_of_its_model_alone_in_random_groups()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int features = trial < 20 ? trial : random.Next(1, 900);
            int rows = random.Next(0, 14);
            int k = random.Next(1, 17);
            byte[] pixels = Bytes(random, rows * features);
            // Models drawn from a pool, so the same model turns up at different positions of different groups.
            float[][] pool = Enumerable.Range(0, 6).Select(_ => Weights(random, features)).ToArray();
            int[] members = Enumerable.Range(0, k).Select(_ => random.Next(pool.Length)).ToArray();
            float[] weights = members.SelectMany(p => pool[p]).ToArray();
            float[] biases = members.Select(p => p * 0.25f - 0.5f).ToArray();
            var group = new float[k * rows];

            PixelKernels.LogitsGroup(pixels, weights, biases, 1f / 255f, group);

            for (int q = 0; q < k; q++)
            {
                var alone = new float[rows];
                PixelKernels.Logits(pixels, pool[members[q]], 1f / 255f, biases[q], alone);
                Assert.Equal(Bits(alone), Bits(group.AsSpan(q * rows, rows).ToArray()));
            }
        }
    }

    [Fact]
    public void Mismatched_shapes_throw()
    {
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsGroup(new byte[12], new float[8], new float[2], 1f, new float[5]));
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsGroup(new byte[12], new float[9], new float[2], 1f, new float[6]));
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsGroup(new byte[13], new float[8], new float[2], 1f, new float[6]));
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsGroup(new byte[4], new float[0], new float[0], 1f, new float[0]));
        Assert.Throws<ArgumentException>(() => PixelKernels.LogitsGroupScalar(new byte[13], new float[8], new float[2], 1f, new float[6]));
        PixelKernels.LogitsGroup([], [], [], 1f, []);
        PixelKernels.LogitsGroup([], new float[8], new float[2], 1f, []);
    }

    private static byte[] Bytes(Random random, int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }

    private static float[] Weights(Random random, int n) =>
        Enumerable.Range(0, n).Select(i => (float)(random.NextDouble() * 2 - 1) * (i % 3 == 0 ? 10f : 0.01f)).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
