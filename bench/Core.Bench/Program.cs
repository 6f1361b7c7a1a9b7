using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Core.Bench -- --filter '*'
// The data directory defaults to Debian's Fashion-MNIST; set ROBUSTGRID_BENCH_DATA to use another.
// `-- interleaved [rounds]` times the fused groups round-robin instead (see InterleavedGroups);
// `-- step [rounds]` times the whole training step of groups against this core's FMA peak (see TrainingStepThroughput);
// `-- peak` prints that peak (see MachinePeak); `-- logits [rounds]` times the fused forward pass alone (see LogitsGroupThroughput).
int Rounds(int fallback) => args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
if (args is ["interleaved", ..])
{
    RobustGrid.Core.Bench.InterleavedGroups.Run(Rounds(15));
    return;
}
if (args is ["step", ..])
{
    RobustGrid.Core.Bench.TrainingStepThroughput.Run(Rounds(5));
    return;
}
if (args is ["peak", ..])
{
    Console.WriteLine(RobustGrid.Core.Bench.MachinePeak.Measure());
    return;
}
if (args is ["logits", ..])
{
    RobustGrid.Core.Bench.LogitsGroupThroughput.Run(Rounds(10));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RobustGrid.Core.Bench.SeedScaleRunBenchmarks).Assembly).Run(args);
