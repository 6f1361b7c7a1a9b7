using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Bench;

/// <summary>
/// One seed-scale run (10 epochs, batch 100, then the 101-point attack curve) on one thread, against a
/// straightforward float32 loop of TensorPrimitives.Dot over the same data: the ratio is the figure to report.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class SeedScaleRunBenchmarks
{
    private BinaryTask _task = null!;
    private RunPoint _regular = null!;
    private RunPoint _robust = null!;
    private NaiveFloatTrainer _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _task = BenchData.LoadTask();
        _regular = RunExecutor.PointFor(_task, new TrainingSpec(TrainingMode.Regular, ThreatNorm.Linf, 0, 1, HyperParameters.SeedFaithful(TrainingMode.Regular)));
        _robust = RunExecutor.PointFor(_task, new TrainingSpec(TrainingMode.Robust, ThreatNorm.Linf, 0.1, 1, HyperParameters.SeedFaithful(TrainingMode.Robust)));
        _naive = new NaiveFloatTrainer(_task);
    }

    [Benchmark(Baseline = true, Description = "naive float32 TensorPrimitives.Dot loop, regular")]
    public float NaiveRegular() => _naive.TrainRegular(epochs: 10, batch: 100, learningRate: 0.1f);

    [Benchmark(Description = "RobustGrid run, regular")]
    public double Regular() => RunExecutor.Execute(_task, _regular).Summary.CurveArea;

    [Benchmark(Description = "RobustGrid run, robust eps=0.1")]
    public double Robust() => RunExecutor.Execute(_task, _robust).Summary.CurveArea;

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
        }
    }
}
