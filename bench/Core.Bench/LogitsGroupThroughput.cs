using System.Diagnostics;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Bench;

/// <summary>
/// `-- logits [rounds]`: the fused forward pass alone (<see cref="PixelKernels.LogitsGroup"/>) for groups of k models,
/// over the seed-scale training split in batches of 100 rows as training reads it (an epoch streams its 9.4 MB through
/// the core), and over one batch again and again (its 78 KB stay in the core's caches). Prints the best time per
/// epoch over the rounds and GFLOP/s (2 x rows x features x k per epoch): the ceiling the kernel sets for training,
/// and how much of it the memory the pixels stream from takes away.
/// </summary>
internal static class LogitsGroupThroughput
{
    private const int BatchSize = 100;

    public static void Run(int rounds)
    {
        var split = BenchData.LoadTask().Train;
        int features = split.Features, batches = split.Count / BatchSize;
        var random = new Random(1);
        foreach (int k in new[] { 1, 2, 3, 4, 6, 8, 12, 16 })
        {
            float[] weights = new float[k * features];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)(random.NextDouble() - 0.5) * 0.01f;
            }
            float[] biases = new float[k], logits = new float[k * BatchSize];
            double streaming = Best(rounds, () =>
            {
                for (int b = 0; b < batches; b++)
                {
                    PixelKernels.LogitsGroup(split.Pixels.AsSpan(b * BatchSize * features, BatchSize * features), weights, biases, 1 / 255f, logits);
                }
            });
            double resident = Best(rounds, () =>
            {
                for (int b = 0; b < batches; b++)
                {
                    PixelKernels.LogitsGroup(split.Pixels.AsSpan(0, BatchSize * features), weights, biases, 1 / 255f, logits);
                }
            });
            double flops = 2.0 * batches * BatchSize * features * k;
            Console.WriteLine($"group of {k,2}: streaming {streaming * 1e3,6:0.00} ms per epoch ({flops / streaming / 1e9,5:0.0} GFLOP/s), " +
                $"one batch resident {resident * 1e3,6:0.00} ms ({flops / resident / 1e9,5:0.0} GFLOP/s)");
        }
    }

    private static double Best(int rounds, Action epoch)
    {
        epoch(); // compiled and warm
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            epoch();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }
}
