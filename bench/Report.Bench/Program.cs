using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Serialization;
using RobustGrid.Core.Data;
using RobustGrid.Core.Numerics;
using RobustGrid.Reports.Tests;
using RobustGrid.Results;

// A synthetic sweep directory at report scale, to measure `robustgrid report` (nothing here is committed data):
// sections (class pairs of the embedded digits) x 4 models (regular, robust 0.1 / 0.2 / 0.3) x seeds, each run with
// 784 weights, 101 radii (21 logit quantiles each), 10 epochs and k misclassified samples per radius, in the
// sample layout (misclassified rows name a test sample; samples.parquet holds each named image once).
// dotnet run -c Release --project bench/Report.Bench -- <dir> [sections, default 5] [seeds, default 5000] [k, default 10] [legacy]
string directory = args.Length > 0 ? args[0] : throw new ArgumentException("give the directory to write");
int sections = args.Length > 1 ? int.Parse(args[1]) : 5;
int seeds = args.Length > 2 ? int.Parse(args[2]) : 5000;
int k = args.Length > 3 ? int.Parse(args[3]) : 10;
// "legacy": misclassified.parquet of the older layout (an image in every row, test_index), no samples.parquet; to run the older report on.
bool legacy = args.Length > 4 && args[4] == "legacy";
const string sweepId = "report-bench";
const int radii = 101, epochs = 10, features = 784, runsPerChunk = 1000;
double?[] trainEps = [null, 0.1, 0.2, 0.3];
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(directory);
Dataset dataset = DatasetLoader.LoadEmbedded();
double[] grid = new RobustGrid.Core.Evaluation.AttackGrid(0, 0.5, radii).Values();

var runs = (from s in Enumerable.Range(0, sections) from eps in trainEps from seed in Enumerable.Range(1, seeds)
            select (Section: s, TrainEps: eps, Seed: (long)seed, Key: Key(s, eps, seed)))
    .OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
Console.WriteLine($"{runs.Length} runs");
var options = new ParquetOptions { RowGroupSize = 100_000, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };

await WriteChunkedAsync<RunRow>(SweepResultsWriter.Runs, run => [Run(run)]);
Console.WriteLine($"runs.parquet {clock.Elapsed.TotalSeconds:0} s");
await WriteChunkedAsync(SweepResultsWriter.Curves, run => Curves(run));
Console.WriteLine($"curves.parquet {clock.Elapsed.TotalSeconds:0} s");
await WriteChunkedAsync(SweepResultsWriter.Epochs, run => Epochs(run));
Console.WriteLine($"epochs.parquet {clock.Elapsed.TotalSeconds:0} s");

var named = new Dictionary<int, SampleEntry>();
string hash = dataset.ContentHash;
await using (SampleLayoutWriter writer = await SampleLayoutWriter.CreateAsync(Path.Combine(directory, SweepResultsWriter.Misclassified), sweepId, legacy))
{
    foreach (var run in runs)
    {
        var random = new DeterministicRandom(run.Seed * 100 + run.Section);
        int[] pair = PairSamples(run.Section);
        for (int g = 0; g < radii; g++)
        {
            for (int rank = 0; rank < k; rank++)
            {
                int sample = pair[(int)(random.NextDouble() * pair.Length)];
                named.TryAdd(sample, new SampleEntry(hash, sample, dataset.Test.Labels[sample], dataset.Test.Row(sample).ToArray(), dataset.Test.Rows, dataset.Test.Columns));
                int label = dataset.Test.Labels[sample] == 2 * run.Section + 1 ? 1 : -1;
                await writer.AddAsync(new MisclassifiedEntry(run.Key, Mode(run.TrainEps), "linf", run.TrainEps, run.Seed, hash, g, grid[g], rank, sample, label,
                    -label * (float)(0.01 * (rank + 1))), legacy ? dataset.Test.Row(sample).ToArray() : null);
            }
        }
    }
}
Console.WriteLine($"misclassified.parquet {clock.Elapsed.TotalSeconds:0} s");
if (!legacy)
{
    await SampleLayoutWriter.WriteSamplesAsync(Path.Combine(directory, "samples.parquet"), named.Values);
}
Console.WriteLine($"samples.parquet ({named.Count} samples); done in {clock.Elapsed.TotalSeconds:0} s");

async Task WriteChunkedAsync<T>(string name, Func<(int Section, double? TrainEps, long Seed, string Key), IEnumerable<T>> rows) where T : class, new()
{
    string path = Path.Combine(directory, name);
    File.Delete(path);
    for (int start = 0; start < runs.Length; start += runsPerChunk)
    {
        List<T> chunk = [.. runs.Skip(start).Take(runsPerChunk).SelectMany(rows)];
        await using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        await ParquetSerializer.SerializeAsync(chunk, stream, new ParquetOptions { Append = start > 0, RowGroupSize = chunk.Count, CompressionLevel = options.CompressionLevel });
    }
}

int[] PairSamples(int section) =>
    [.. Enumerable.Range(0, dataset.Test.Count).Where(i => dataset.Test.Labels[i] == 2 * section || dataset.Test.Labels[i] == 2 * section + 1)];

double Accuracy(double? eps, long seed, double attack) =>
    Math.Clamp(0.99 - attack / (0.05 + 1.3 * (eps ?? 0)) * 0.5 + 0.002 * (seed % 7), 0, 1);

RunRow Run((int Section, double? TrainEps, long Seed, string Key) r)
{
    var random = new DeterministicRandom(r.Seed);
    double[] curve = [.. grid.Select(e => Accuracy(r.TrainEps, r.Seed, e))];
    int below = Array.FindIndex(curve, a => a < 0.5);
    double area = 0;
    for (int i = 1; i < grid.Length; i++)
    {
        area += (curve[i] + curve[i - 1]) / 2 * (grid[i] - grid[i - 1]);
    }
    float[] weights = [.. Enumerable.Range(0, features).Select(_ => (float)((random.NextDouble() - 0.5) * (r.TrainEps is null ? 1 : 0.1)))];
    return new RunRow
    {
        SweepId = sweepId, RunKey = r.Key, DatasetName = dataset.Name, DatasetHash = dataset.ContentHash, DatasetSource = "embedded",
        NegativeClass = 2 * r.Section, PositiveClass = 2 * r.Section + 1, Mode = Mode(r.TrainEps), Norm = "linf", TrainEps = r.TrainEps, Seed = r.Seed,
        Epochs = epochs, BatchSize = 50, LearningRate = 0.1f, Reduction = "mean", AttackEpsStart = 0, AttackEpsStop = 0.5, AttackEpsCount = radii,
        ClosestCount = k, Status = "completed", Attempts = 1, Silo = "bench", DurationSeconds = 1,
        TrainAccuracy = 0.99 - 0.001 * (r.Seed % 5), TestAccuracy = curve[0], Eps50 = below < 0 ? null : grid[below], CurveArea = area,
        WeightL1 = weights.Sum(Math.Abs), SmallWeightFraction = weights.Count(w => Math.Abs(w) < 0.01) / (double)features, Bias = 0.1f, Weights = [.. weights],
    };
}

IEnumerable<CurveRow> Curves((int Section, double? TrainEps, long Seed, string Key) r)
{
    for (int g = 0; g < radii; g++)
    {
        double accuracy = Accuracy(r.TrainEps, r.Seed, grid[g]);
        int fooled = (int)Math.Round((1 - accuracy) * 2000);
        float scale = (float)(0.2 + grid[g] * (r.TrainEps is null ? 8 : 1));
        yield return new CurveRow
        {
            SweepId = sweepId, RunKey = r.Key, Mode = Mode(r.TrainEps), Norm = "linf", TrainEps = r.TrainEps, Seed = r.Seed, EpsIndex = g,
            AttackEps = grid[g], RobustAccuracy = accuracy, MisclassifiedCount = fooled,
            MisclassifiedAbsLogitMedian = fooled == 0 ? null : scale * 0.5f,
            MisclassifiedAbsLogitQuantiles = fooled == 0 ? [] : [.. Enumerable.Range(0, 21).Select(q => scale * q / 20f)],
        };
    }
}

IEnumerable<EpochRow> Epochs((int Section, double? TrainEps, long Seed, string Key) r) =>
    Enumerable.Range(1, epochs).Select(e => new EpochRow
    {
        SweepId = sweepId, RunKey = r.Key, Mode = Mode(r.TrainEps), Norm = "linf", TrainEps = r.TrainEps, Seed = r.Seed, Epoch = e,
        TrainLoss = 1.0 / e + 0.001 * (r.Seed % 9), TestLoss = 1.1 / e, TrainAccuracy = 1 - 0.5 / e, TestAccuracy = 1 - 0.55 / e - 0.001 * (r.Seed % 5),
    });

static string Mode(double? eps) => eps is null ? "regular" : "robust";

static string Key(int section, double? eps, long seed) =>
    "rk1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{section}/{eps}/{seed}")))[..24];
