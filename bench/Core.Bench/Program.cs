using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Core.Bench -- --filter '*'
// The data directory defaults to Debian's Fashion-MNIST; set ROBUSTGRID_BENCH_DATA to use another.
BenchmarkSwitcher.FromAssembly(typeof(RobustGrid.Core.Bench.SeedScaleRunBenchmarks).Assembly).Run(args);
