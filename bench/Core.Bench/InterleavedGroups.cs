using System.Diagnostics;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Bench;

/// <summary>
/// `-- interleaved [rounds]`: the fused groups of <see cref="FusedRunBenchmarks"/> timed round-robin (1, 4, 8, 16 runs,
/// regular and robust, one invocation each per round), so that on a machine others load, every size sees the same
/// load; prints per size the fastest and the median time per run over the rounds and their ratio to the group of one.
/// </summary>
internal static class InterleavedGroups
{
    public static void Run(int rounds)
    {
        var task = BenchData.LoadTask();
        int[] sizes = [1, 4, 8, 16];
        foreach (TrainingMode mode in new[] { TrainingMode.Regular, TrainingMode.Robust })
        {
            double eps = mode == TrainingMode.Robust ? 0.1 : 0;
            RunPoint[] points = Enumerable.Range(1, sizes.Max())
                .Select(seed => RunExecutor.PointFor(task, new TrainingSpec(mode, ThreatNorm.Linf, eps, seed, HyperParameters.SeedFaithful(mode))))
                .ToArray();
            var perRun = sizes.ToDictionary(k => k, _ => new List<double>());
            for (int round = -2; round < rounds; round++) // two warm-up rounds
            {
                foreach (int k in sizes)
                {
                    long start = Stopwatch.GetTimestamp();
                    RunExecutor.ExecuteGroup(task, points[..k]);
                    if (round >= 0)
                    {
                        perRun[k].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / k);
                    }
                }
            }
            double flops = FusedRunBenchmarks.ForwardFlopsPerRun(task, 10);
            double alone = perRun[1].Min();
            foreach (int k in sizes)
            {
                double best = perRun[k].Min(), median = perRun[k].Order().ElementAt(perRun[k].Count / 2);
                Console.WriteLine($"{mode,-7} group of {k,2}: {best,6:0.00} ms per run at best ({1000 / best,6:0.0} runs/s, {flops / best / 1e6,5:0.0} GFLOP/s = {flops / best / 1e6 / 115 * 100,4:0.0}% of 115), " +
                    $"median {median,6:0.00} ms; {alone / best:0.00}x the group of one");
            }
        }
    }
}
