using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Bench;

/// <summary>The pieces of a run, one pass each over the seed-scale train split, to show where a run's time goes.</summary>
[Config(typeof(InProcessConfig))]
public class KernelBenchmarks
{
    private BinaryTask _task = null!;
    private LinearModel _model = null!;
    private float[] _logits = null!;
    private int[] _sums = null!;
    private readonly int[] _positive = Enumerable.Range(0, 50).Select(i => 2 * i).ToArray();
    private readonly int[] _negative = Enumerable.Range(0, 50).Select(i => 2 * i + 1).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _task = BenchData.LoadTask();
        _model = LinearModel.GlorotUniform(_task.Features, 1);
        _logits = new float[_task.Train.Count];
        _sums = new int[_task.Features];
    }

    [Benchmark(Description = "forward pass, 12,000 rows (SIMD)")]
    public void Forward() => PixelKernels.Logits(_task.Train.Pixels, _model.Weights, 1f / 255f, 0f, _logits);

    [Benchmark(Description = "forward pass, 12,000 rows (scalar twin)")]
    public void ForwardScalar() => PixelKernels.LogitsScalar(_task.Train.Pixels, _model.Weights, 1f / 255f, 0f, _logits);

    [Benchmark(Description = "subgradient accumulation, 12,000 rows in batches of 100 (SIMD)")]
    public void Accumulate()
    {
        for (int start = 0; start < _task.Train.Count; start += 100)
        {
            PixelKernels.AccumulateRows(_sums, _task.Train.Pixels.AsSpan(start * _task.Features, 100 * _task.Features), _positive, _negative);
        }
    }

    [Benchmark(Description = "subgradient accumulation, 12,000 rows in batches of 100 (scalar twin)")]
    public void AccumulateScalar()
    {
        for (int start = 0; start < _task.Train.Count; start += 100)
        {
            PixelKernels.AccumulateRowsScalar(_sums, _task.Train.Pixels.AsSpan(start * _task.Features, 100 * _task.Features), _positive, _negative);
        }
    }

    [Benchmark(Description = "|w| sorted for an epoch's quantiles, 784 weights (radix)")]
    public float[] SortMagnitudes() => MagnitudeSort.Ascending(_model.Weights);

    [Benchmark(Description = "|w| sorted for an epoch's quantiles, 784 weights (comparison sort, scalar twin)")]
    public float[] SortMagnitudesScalar() => MagnitudeSort.Scalar(_model.Weights);

    [Benchmark(Description = "attack curve + misclassified, 2,000 test rows x 101 eps")]
    public AttackEvaluation Attack() => AttackEvaluator.Evaluate(_model, _task.Test, ThreatNorm.Linf, AttackGrid.Default.Values(), false, 10);

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
        }
    }
}
