using System.Runtime.Intrinsics.X86;
using RobustGrid.Core.Data;
using RobustGrid.Core.Numerics;
using RobustGrid.Core.Tests.Training;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Isa;

/// <summary>
/// Checks run in a child process started with an instruction set switched off (DOTNET_EnableAVX512=0,
/// DOTNET_EnableHWIntrinsic=0), so the AVX2 and scalar paths of the kernels run on a machine with AVX-512:
/// the kernels against their scalar twins, and fused groups against their runs alone. Prints the instruction
/// sets it saw, then "ok" or the first failure.
/// </summary>
internal static class IsaProbe
{
    public const string Command = "isa-probe";

    /// <summary>Prints <see cref="RunDigest.Of"/> of the digest's runs, to compare across instruction sets.</summary>
    public const string DigestCommand = "run-digest";

    public static int Run(TextWriter output)
    {
        output.WriteLine($"avx512f={Avx512F.IsSupported} avx2={Avx2.IsSupported}");
        try
        {
            Kernels();
            Groups();
            output.WriteLine("ok");
            return 0;
        }
        catch (Exception e)
        {
            output.WriteLine($"FAIL: {e.Message}");
            return 1;
        }
    }

    private static void Kernels()
    {
        var random = new Random(3);
        for (int features = 0; features <= 100; features++)
        {
            int rows = 9;
            var pixels = new byte[rows * features];
            random.NextBytes(pixels);
            for (int k = 1; k <= 6; k++)
            {
                float[] weights = Enumerable.Range(0, k * features).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                float[] biases = Enumerable.Range(0, k).Select(q => q * 0.1f).ToArray();
                var group = new float[k * rows];
                PixelKernels.LogitsGroup(pixels, weights, biases, 1f / 255f, group);
                for (int q = 0; q < k; q++)
                {
                    var alone = new float[rows];
                    PixelKernels.Logits(pixels, weights.AsSpan(q * features, features), 1f / 255f, biases[q], alone);
                    Require(alone.AsSpan().SequenceEqual(group.AsSpan(q * rows, rows)), $"LogitsGroup model {q} of {k}, {features} features: not the bits of Logits alone");
                    var scalar = new float[rows];
                    PixelKernels.LogitsScalar(pixels, weights.AsSpan(q * features, features), 1f / 255f, biases[q], scalar);
                    Require(alone.AsSpan().SequenceEqual(scalar), $"Logits, {features} features: not the bits of its scalar twin");
                }
            }

            int[] positive = Enumerable.Range(0, rows).Where(i => i % 3 != 0).ToArray();
            int[] negative = Enumerable.Range(0, rows).Where(i => i % 3 == 0).ToArray();
            var fastSums = new int[features];
            var scalarSums = new int[features];
            PixelKernels.AccumulateRows(fastSums, pixels, positive, negative);
            PixelKernels.AccumulateRowsScalar(scalarSums, pixels, positive, negative);
            Require(fastSums.AsSpan().SequenceEqual(scalarSums), $"AccumulateRows, {features} features: not its scalar twin");

            float[] w = Enumerable.Range(0, features).Select(j => j % 5 == 0 ? 0f : (float)(random.NextDouble() - 0.5)).ToArray();
            float[] fastW = (float[])w.Clone(), scalarW = (float[])w.Clone();
            PixelKernels.SgdStep(fastW, fastSums, 1e-3f / 255f, 2e-3f);
            PixelKernels.SgdStepScalar(scalarW, scalarSums, 1e-3f / 255f, 2e-3f);
            Require(fastW.AsSpan().SequenceEqual(scalarW), $"SgdStep, {features} features: not its scalar twin");

            Require(FloatSums.SumOfMagnitudes(w).Equals(FloatSums.SumOfMagnitudesScalar(w)), $"SumOfMagnitudes, {features} values: not its scalar twin");
            Require(FloatSums.SumOfSquares(w).Equals(FloatSums.SumOfSquaresScalar(w)), $"SumOfSquares, {features} values: not its scalar twin");
        }
    }

    private static void Groups()
    {
        BinaryTask task = TestTasks.Task(trainCount: 150, testCount: 23, features: 45, seed: 31);
        var hp = new HyperParameters(Epochs: 2, BatchSize: 30, LearningRate: 0.01f, LossReduction.Mean, Shuffle: false);
        TrainingSpec[] pool = FusedTrainerTests.MixedSpecs(hp, seed: 2);
        var random = new Random(11);
        for (int trial = 0; trial < 6; trial++)
        {
            TrainingSpec[] group = Enumerable.Range(0, random.Next(2, 9)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            TrainingOutcome?[] fused = FusedTrainer.Train(task, group);
            for (int q = 0; q < group.Length; q++)
            {
                TrainingOutcome alone = Trainer.Train(task, group[q]);
                Require(fused[q] is { } f && f.Model.Weights.AsSpan().SequenceEqual(alone.Model.Weights) && f.Model.Bias.Equals(alone.Model.Bias)
                    && f.Epochs.SequenceEqual(alone.Epochs), $"group {trial}: run {q} ({group[q]}) differs from its run alone");
            }
        }
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
