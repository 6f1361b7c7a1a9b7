using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RobustGrid.Core.Data;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Runs;
using RobustGrid.Hosting;
using RobustGrid.Results;

// The grid's orchestration overhead, measured in one process and one run:
//   1. the sweep's runs executed directly through Core, fused in groups as the silo fuses them, on its cores;
//   2. the same sweep through an in-process silo, once its code has settled (JIT): wall time to all runs done, and
//      to the Parquet files written. misclassified.parquet is written while the runs finish, so the files are
//      written shortly after the last run.
// The silo is warmed first by 400-run sweeps of other seeds: the first sweep in a fresh process also pays for
// compiling the grid's code (reported, as "first sweep"), and later ones show the silo's steady state; the JIT
// time during each sweep is printed to show which is which.
// dotnet run -c Release --project bench/Grid.Bench -- [data-dir or "embedded"] [seeds] [concurrency] [warm sweeps, default 2] [k, default 10]
// k is the sweep's closest-misclassified count: 0 leaves misclassified.parquet empty, which isolates the
// orchestration from writing that file.
string dataDir = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
int seeds = args.Length > 1 ? int.Parse(args[1]) : 100;
var spec = new SweepSpec { ClosestCount = args.Length > 4 ? int.Parse(args[4]) : 10, Concurrency = args.Length > 2 && args[2] != "-" ? int.Parse(args[2]) : null, Dataset = DatasetRef.Parse(dataDir), Seeds = Enumerable.Range(1, seeds).Select(i => (long)i).ToArray() };
string resultsRoot = Path.Combine(Path.GetTempPath(), "robustgrid-grid-bench-" + Guid.NewGuid().ToString("N")[..8]);

Dataset Load(DatasetRef r) => r.IsEmbedded ? DatasetLoader.LoadEmbedded() : DatasetLoader.LoadDirectory(r.Directory!);
var plan = SweepPlanner.Create(spec, Load, 100_000);
Dataset dataset = Load(spec.Dataset);
BinaryTask task = BinaryTask.Create(dataset, 0, 1);
Console.WriteLine($"{plan.Runs.Count} runs on {dataDir} (0 vs 1: {task.Train.Count} train, {task.Test.Count} test), {Environment.ProcessorCount} cores");
// Warm-up of the direct path: 40 runs of other seeds, in parallel, so tiered JIT has settled before timing.
SweepSpec warmSpec = spec with { Seeds = [.. Enumerable.Range(100_001, 10).Select(i => (long)i)] };
var warmPlan = SweepPlanner.Create(warmSpec, Load, 100_000);
Parallel.ForEach(warmPlan.Runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r => RunExecutor.Execute(task, r.ToPoint()));

// The runs through Core with the silo's parallelism and grouping (fused groups of Training:GroupSize runs that share
// their batches, one group per core at a time), then the same files written from their results.
var samples = new RobustGrid.Grains.Data.TaskCache();
int groupSize = new FusedTrainingOptions().GroupSize;
int[][] groups = [.. plan.Runs.Select((r, i) => (p: r.ToPoint(), i))
    .GroupBy(x => (x.p.HyperParameters, Seed: x.p.HyperParameters.Shuffle ? x.p.Seed : 0))
    .SelectMany(g => g.Select(x => x.i).Chunk(groupSize))];
async Task<(TimeSpan Runs, TimeSpan Files)> Direct(string label)
{
    var clock = Stopwatch.StartNew();
    long allocated = GC.GetTotalAllocatedBytes(precise: true);
    var results = new RunResult[plan.Runs.Count];
    Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, group =>
    {
        RunResult?[] trained = RunExecutor.ExecuteGroup(task, [.. group.Select(i => plan.Runs[i].ToPoint())]);
        for (int q = 0; q < group.Length; q++)
        {
            results[group[q]] = trained[q]!;
        }
    });
    TimeSpan runs = clock.Elapsed;
    long trainingBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    RunRecord[] records = [.. plan.Runs.Select((r, i) => RunRecords.Completed(r, results[i], "direct"))];
    string directory = Path.Combine(resultsRoot, "direct");
    await SweepResultsWriter.WriteAsync(directory, "direct", records, (run, i) => samples.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, i));
    TimeSpan files = clock.Elapsed;
    long fileBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated - trainingBytes;
    Directory.Delete(directory, recursive: true);
    Console.WriteLine($"direct fused Core, groups of {groupSize} on {Environment.ProcessorCount} workers ({label}): runs done {runs.TotalSeconds:0.000} s, files written {files.TotalSeconds:0.000} s; {runs.TotalMilliseconds * Environment.ProcessorCount / plan.Runs.Count:0.00} ms of a core per run; allocated per run {trainingBytes / 1024.0 / plan.Runs.Count:0} KB training and evaluating, {fileBytes / 1024.0 / plan.Runs.Count:0} KB recording and writing the files");
    return (runs, files);
}
await Direct("warm-up, not counted");
var directBefore = await Direct("before the grid");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RobustGrid:ResultsDirectory"] = resultsRoot });
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
builder.UseOrleans(silo => silo.UseRobustGrid(builder.Configuration));
using IHost host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IClusterClient>();
// Warm the silo (grain types, dataset cache, JIT of the grid's paths) with sweeps of other seeds on the same data.
await WaitAsync(client.GetGrain<ISweepGrain>("warm"), warmSpec);
int warmSweeps = args.Length > 3 ? int.Parse(args[3]) : 2;
for (int w = 1; w <= warmSweeps; w++)
{
    SweepSpec other = spec with { Seeds = [.. Enumerable.Range(1_000_000 * w, seeds).Select(i => (long)i)] };
    TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    var warmClock = Stopwatch.StartNew();
    TimeSpan warmRuns = await WaitAsync(client.GetGrain<ISweepGrain>($"warm-{w}"), other, warmClock);
    Console.WriteLine($"{(w == 1 ? "first" : "warm")} sweep of {plan.Runs.Count} runs in this silo: runs done {warmRuns.TotalSeconds:0.000} s, files written {warmClock.Elapsed.TotalSeconds:0.000} s; JIT meanwhile {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:0} ms");
}

var idleSilo = Stopwatch.StartNew();
var idleSeconds = new System.Collections.Concurrent.ConcurrentBag<double>();
Parallel.ForEach(plan.Runs.Take(100), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r => idleSeconds.Add(RunExecutor.Execute(task, r.ToPoint()).Seconds));
Console.WriteLine($"direct Core beside an idle silo: one run takes {idleSeconds.Average() * 1000:0.00} ms on average");

int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
TimeSpan jitBeforeGrid = System.Runtime.JitInfo.GetCompilationTime();
long allocatedBefore = GC.GetTotalAllocatedBytes();
TimeSpan pausedBefore = GC.GetTotalPauseDuration();
var grid = Stopwatch.StartNew();
ISweepGrain sweep = client.GetGrain<ISweepGrain>("bench");
TimeSpan runsDone = await WaitAsync(sweep, spec, grid);
grid.Stop();
Console.WriteLine($"JIT during the measured sweep: {(System.Runtime.JitInfo.GetCompilationTime() - jitBeforeGrid).TotalMilliseconds:0} ms");
Console.WriteLine($"grid GCs: gen0 {GC.CollectionCount(0) - gcBefore[0]}, gen1 {GC.CollectionCount(1) - gcBefore[1]}, gen2 {GC.CollectionCount(2) - gcBefore[2]}; allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e6:0} MB ({(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / plan.Runs.Count:0} KB per run); GC pause total {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0} ms ({(GC.GetTotalPauseDuration() - pausedBefore) / grid.Elapsed * 100:0.0}% of the sweep's wall time)");
Console.WriteLine($"grid, 1 in-process silo: runs done {runsDone.TotalSeconds:0.000} s, files written {grid.Elapsed.TotalSeconds:0.000} s");
var directAfter = await Direct("after the grid");
TimeSpan directRuns = (directBefore.Runs + directAfter.Runs) / 2, directFiles = (directBefore.Files + directAfter.Files) / 2;
Console.WriteLine($"orchestration overhead against the mean of the two direct passes around the grid: to files written {(grid.Elapsed / directFiles - 1) * 100:0.0}% ({(grid.Elapsed - directFiles).TotalMilliseconds / plan.Runs.Count:0.00} ms per run); to runs done (the grid also writes misclassified.parquet meanwhile) {(runsDone / directRuns - 1) * 100:0.0}%");
var gridRuns = await SweepResultsReader.ReadRunsAsync(Path.Combine(resultsRoot, "bench"));
Console.WriteLine($"grid: one run takes {gridRuns.Average(r => r.DurationSeconds) * 1000:0.00} ms on average inside its grain");
foreach (string table in Directory.GetDirectories(Path.Combine(resultsRoot, "bench")))
{
    Console.WriteLine($"  {Path.GetFileName(table)}/: {Directory.GetFiles(table).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0:0.0} MiB");
}
await host.StopAsync();
Directory.Delete(resultsRoot, recursive: true);

static async Task<TimeSpan> WaitAsync(ISweepGrain sweep, SweepSpec spec, Stopwatch? clock = null)
{
    clock ??= Stopwatch.StartNew();
    SweepProgress p = await sweep.StartAsync(spec);
    TimeSpan runsDone = TimeSpan.Zero;
    while (!p.IsFinished)
    {
        await Task.Delay(5);
        p = await sweep.GetProgressAsync();
        if (runsDone == TimeSpan.Zero && p.Completed + p.Failed == p.Total)
        {
            runsDone = clock.Elapsed;
        }
    }
    if (p.Phase != SweepPhase.Completed)
    {
        throw new InvalidOperationException($"sweep ended {p.Phase}: {string.Join("; ", p.Faults)}");
    }
    return runsDone == TimeSpan.Zero ? clock.Elapsed : runsDone;
}
