using System.Diagnostics;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Bench;

/// <summary>
/// `-- step [rounds]`: the whole training step (forward, hinge, backward, SGD update, and each epoch's test pass) of
/// groups of k seed-scale runs trained in lockstep by <see cref="FusedTrainer.Train"/>, the study's four models in
/// turn (regular; robust Linf at eps 0.1, 0.2, 0.3), against this core's FMA peak (<see cref="MachinePeak"/>).
/// Prints, per k, the best time per run over the rounds, and two rates:
/// - nominal GFLOP/s: the flops a dense implementation does (the batched peer's matrix products), 2·n·d per run
///   and epoch forward, the same backward (the subgradient as a matrix product) and 2·n_test·d for the test pass;
///   RobustGrid's backward is exact integer sums over at most half of each batch's rows, so it does less;
/// - forward GFLOP/s: the FMA work the trainer actually does (forward and test passes) over the same time.
/// Also the bytes allocated per run. `DOTNET_EnableAVX512=0` measures the AVX2 kernels on an AVX-512 machine (.NET 10 reads that name).
/// </summary>
internal static class TrainingStepThroughput
{
    public static void Run(int rounds)
    {
        MachinePeak peak = MachinePeak.Measure();
        Console.WriteLine(peak);
        BinaryTask task = BenchData.LoadTask();
        int n = task.Train.Count, nTest = task.Test.Count, d = task.Features;
        double[] eps = [0, 0.1, 0.2, 0.3];
        foreach (int k in new[] { 1, 4, 8, 16, 32, 64 })
        {
            // The group's runs share hyper-parameters, so a group is one mode: regular, or robust with the three radii.
            foreach (TrainingMode mode in new[] { TrainingMode.Regular, TrainingMode.Robust })
            {
                TrainingSpec[] specs = Enumerable.Range(0, k)
                    .Select(i => mode == TrainingMode.Regular
                        ? new TrainingSpec(mode, ThreatNorm.Linf, 0, i + 1, HyperParameters.SeedFaithful(mode))
                        : new TrainingSpec(mode, ThreatNorm.Linf, eps[1 + i % 3], i + 1, HyperParameters.SeedFaithful(mode)))
                    .ToArray();
                int epochs = specs[0].HyperParameters.Epochs;
                FusedTrainer.Train(task, specs); // compiled and warm
                double best = double.MaxValue;
                long allocated = 0;
                for (int round = 0; round < rounds; round++)
                {
                    long bytes = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    FusedTrainer.Train(task, specs);
                    best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
                    allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
                }
                double forward = 2.0 * d * epochs * (n + nTest) * k;
                double nominal = forward + 2.0 * d * epochs * n * k;
                Console.WriteLine($"{mode,-7} k = {k,2}: {best * 1e3 / k,6:0.00} ms per run; nominal {nominal / best / 1e9,6:0.0} GFLOP/s " +
                    $"({nominal / best / 1e9 / peak.GFlops * 100,5:0.0}% of peak), forward {forward / best / 1e9,6:0.0} GFLOP/s " +
                    $"({forward / best / 1e9 / peak.GFlops * 100,5:0.0}%); {allocated / k / 1024.0,7:0.0} KB allocated per run");
            }
        }
    }
}
