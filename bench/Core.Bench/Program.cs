using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Core.Bench -- --filter '*'
// The data directory defaults to Debian's Fashion-MNIST; set ROBUSTGRID_BENCH_DATA to use another.
// `-- interleaved [rounds]` times the fused groups round-robin instead (see InterleavedGroups).
if (args is ["interleaved", ..])
{
    RobustGrid.Core.Bench.InterleavedGroups.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RobustGrid.Core.Bench.SeedScaleRunBenchmarks).Assembly).Run(args);
