using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Tests.Layout;

/// <summary>
/// The same runs in both layouts: <see cref="Single"/> holds the five single files of all of them, <see cref="Parts"/>
/// the parts of <see cref="PartCount"/> consecutive slices. 1,210 runs: the runs table spans several row groups of 512
/// (three in the single file, two in each part), and failed runs sit between completed ones.
/// </summary>
internal sealed class PartsSweep : IDisposable
{
    public const int PartCount = 2;

    private readonly TempDirectory _root = new("parts-sweep");

    private PartsSweep(IReadOnlyList<RunRecord> runs) => Runs = runs;

    public IReadOnlyList<RunRecord> Runs { get; }

    public string Single => Path.Combine(_root.Path, "single");

    public string Parts => Path.Combine(_root.Path, "parts");

    public static async Task<PartsSweep> CreateAsync(int parts = PartCount)
    {
        var runs = new List<RunRecord>();
        for (long seed = 1; seed <= 600; seed++)
        {
            double middle = 0.3 + seed % 7 * 0.05;
            runs.Add(SampleRuns.Completed(TrainingMode.Regular, 0, seed, [1.0 - seed % 3 * 0.01, middle, 0.0], 0.1));
            runs.Add(SampleRuns.Completed(TrainingMode.Robust, 0.1, seed, [1.0, middle + 0.2, 0.55 + seed % 5 * 0.01], null));
        }
        runs.AddRange(Enumerable.Range(1001, 10).Select(seed => SampleRuns.Failed(seed)));
        var sweep = new PartsSweep(runs);
        await SweepResultsWriter.WriteSingleFilesAsync(sweep.Single, "s", runs, SampleRuns.Sample);
        await PartsLayout.WriteAsync(sweep.Parts, "s", runs, SampleRuns.Sample, parts);
        return sweep;
    }

    public void Dispose() => _root.Dispose();
}
