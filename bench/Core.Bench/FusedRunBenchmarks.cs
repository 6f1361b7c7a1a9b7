using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Bench;

/// <summary>
/// Groups of seed-scale runs (10 epochs, batch 100, the 101-point attack curve) trained in lockstep on one thread by
/// <see cref="RunExecutor.ExecuteGroup"/>: runs/s per core and the forward pass's GFLOP/s, against the core's
/// 115 GFLOP/s FMA peak. The group of 1 is a run alone (<see cref="RunExecutor.Execute"/>).
/// </summary>
[Config(typeof(Config))]
public class FusedRunBenchmarks
{
    private BinaryTask _task = null!;
    private RunPoint[] _points = null!;

    [Params(1, 4, 8, 16)]
    public int GroupSize { get; set; }

    [Params(TrainingMode.Regular, TrainingMode.Robust)]
    public TrainingMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _task = BenchData.LoadTask();
        double eps = Mode == TrainingMode.Robust ? 0.1 : 0;
        _points = Enumerable.Range(1, GroupSize)
            .Select(seed => RunExecutor.PointFor(_task, new TrainingSpec(Mode, ThreatNorm.Linf, eps, seed, HyperParameters.SeedFaithful(Mode))))
            .ToArray();
    }

    [Benchmark(Description = "fused group of seed-scale runs")]
    public int Group() => RunExecutor.ExecuteGroup(_task, _points).Length;

    /// <summary>
    /// The forward pass's floating-point work of one seed-scale run, 2 flops per multiply-add: every epoch's train
    /// and test logits, then the final train and test logits. The backward pass is integer adds and is not counted.
    /// </summary>
    internal static double ForwardFlopsPerRun(BinaryTask task, int epochs) =>
        2.0 * task.Features * ((double)epochs * (task.Train.Count + task.Test.Count) + task.Train.Count + task.Test.Count);

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
            AddColumn(new ThroughputColumn("runs/s", (runs, seconds) => runs / seconds));
            AddColumn(new ThroughputColumn("GFLOP/s", (runs, seconds) => runs * ForwardFlopsPerRun(BenchData.LoadTaskCached(), 10) / seconds / 1e9));
            AddColumn(new ThroughputColumn("% of 115 GFLOP/s", (runs, seconds) => 100 * runs * ForwardFlopsPerRun(BenchData.LoadTaskCached(), 10) / seconds / 1e9 / 115));
        }
    }

    /// <summary>A column computed from the group size and the mean time of one invocation.</summary>
    private sealed class ThroughputColumn(string name, Func<int, double, double> value) : IColumn
    {
        public string Id => nameof(ThroughputColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name}, from the group size and the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null || benchmarkCase.Parameters["GroupSize"] is not int runs)
            {
                return "-";
            }
            return value(runs, statistics.Mean / 1e9).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
