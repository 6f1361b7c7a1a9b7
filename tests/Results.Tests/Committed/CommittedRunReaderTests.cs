using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Committed;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Tests.Committed;

[Trait("Category", "Unit")]
public sealed class CommittedRunReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("committed-reader");

    public void Dispose() => _dir.Dispose();

    private string Sweep => Path.Combine(_dir.Path, "s1");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Real_runs_read_back_field_by_field_and_write_the_same_bytes_again(bool parts)
    {
        IReadOnlyList<RunRecord> written = RealRuns.Records;
        Assert.Contains(written, r => r.Misclassified.Length > 0);
        Assert.Contains(written, r => r.Spec.Norm == ThreatNorm.L2 && r.Spec.Mode == TrainingMode.Robust);
        Assert.Contains(written, r => r.Spec.Clip && !r.Spec.Shuffle);
        Assert.Contains(written, r => r.Status == RunStatus.Failed);
        await WriteAsync(written, parts, RealRuns.Sample, 3);

        List<RunRecord?> read = await ReadAsync(Sweep, written, RealRuns.TestIndexOf);

        var rewritten = new List<RunRecord>();
        foreach ((RunRecord original, RunRecord? back) in Sorted(written).Zip(read))
        {
            if (original.Status == RunStatus.Failed)
            {
                Assert.Null(back);
                rewritten.Add(original);
                continue;
            }
            Assert.NotNull(back);
            Assert.Equal(RecordText.Of(original), RecordText.Of(back));
            Assert.Equal(original.Spec.Key, back.Spec.Key);
            rewritten.Add(back);
        }
        string again = Path.Combine(_dir.Path, "again");
        await SweepResultsWriter.WriteAsync(again, "s1", rewritten, RealRuns.Sample);
        string single = Path.Combine(_dir.Path, "single");
        await SweepResultsWriter.WriteAsync(single, "s1", written, RealRuns.Sample);
        string[] files = [.. SweepTables.All.SelectMany(t => SweepTables.Files(single, t)).Select(f => Path.GetRelativePath(single, f))];
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(single, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), $"{file} differs");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Runs_whose_rows_cross_row_groups_read_back_among_absent_keys(bool parts)
    {
        // 700 runs: runs groups of 512, and 60 curve points, 30 epochs and 60 misclassified rows a run make 42,000,
        // 21,000 and 42,000 rows, past one group of each table; every fifth run failed.
        var written = Enumerable.Range(1, 700).Select(seed => seed % 5 == 0 ? SampleRuns.Failed(seed) : Big(seed)).ToList();
        await WriteAsync(written, parts, SampleRuns.Sample, 300);
        List<RunRecord> sorted = Sorted(written);

        // Every other run, each preceded by a key that is not in the sweep.
        await using var reader = new CommittedRunReader(Sweep, (_, sample) => sample - 100);
        for (int i = 0; i < sorted.Count; i += 2)
        {
            Assert.Null(await reader.ReadAsync(sorted[i].RunKey[..^1], CancellationToken.None));
            RunRecord? back = await reader.ReadAsync(sorted[i].RunKey, CancellationToken.None);
            if (sorted[i].Status == RunStatus.Failed)
            {
                Assert.Null(back);
            }
            else
            {
                Assert.Equal(RecordText.Of(sorted[i]), RecordText.Of(back!));
            }
        }
        Assert.Null(await reader.ReadAsync("rk1-~", CancellationToken.None));
    }

    [Fact]
    public async Task A_part_after_the_readers_position_is_read_as_it_is_when_the_reader_gets_there()
    {
        var completed = Enumerable.Range(1, 6).Select(seed => SampleRuns.Completed(TrainingMode.Robust, 0.1, seed, [1.0, 0.5, 0.25], 0.15)).ToList();
        IReadOnlyList<IReadOnlyList<RunRecord>> slices = PartsLayout.Slices(completed, 3);
        // Part 1 holds the runs failed when the reader starts; the coordinator replaces it with them completed.
        IReadOnlyList<RunRecord> failed = [.. slices[1].Select(r => SampleRuns.Failed(r.Spec.Seed))];
        Assert.Equal(slices[1].Select(r => r.RunKey), failed.Select(r => r.RunKey));
        await PartsLayout.WriteSlicesAsync(Sweep, "s1", [slices[0], failed], SampleRuns.Sample);

        await using var reader = new CommittedRunReader(Sweep, (_, sample) => sample - 100);
        foreach (RunRecord run in slices[0])
        {
            Assert.Equal(RecordText.Of(run), RecordText.Of((await reader.ReadAsync(run.RunKey, CancellationToken.None))!));
        }
        string replacement = Path.Combine(_dir.Path, "replacement");
        await SweepResultsWriter.WriteSingleFilesAsync(replacement, "s1", slices[1], SampleRuns.Sample);
        PartsLayout.MovePart(replacement, Sweep, 1);
        foreach (RunRecord run in slices[1])
        {
            Assert.Equal(RecordText.Of(run), RecordText.Of((await reader.ReadAsync(run.RunKey, CancellationToken.None))!));
        }
    }

    [Fact]
    public async Task Keys_must_come_in_ascending_order()
    {
        IReadOnlyList<RunRecord> written = SampleRuns.Sweep();
        await SweepResultsWriter.WriteSingleFilesAsync(Sweep, "s1", written, SampleRuns.Sample);
        List<RunRecord> sorted = Sorted(written);
        await using var reader = new CommittedRunReader(Sweep, (_, sample) => sample - 100);
        Assert.NotNull(await reader.ReadAsync(sorted[1].RunKey, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadAsync(sorted[1].RunKey, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadAsync(sorted[0].RunKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_directory_without_tables_holds_nothing()
    {
        Directory.CreateDirectory(Sweep);
        await using var reader = new CommittedRunReader(Sweep, (_, sample) => sample - 100);
        Assert.Null(await reader.ReadAsync("rk1-0", CancellationToken.None));
    }

    [Fact]
    public void Dataset_sources_parse_back_to_the_reference_they_print()
    {
        Assert.Same(DatasetRef.Embedded, DatasetRef.Parse(DatasetRef.Embedded.ToString()));
        Assert.Equal(new DatasetRef("/data/mnist"), DatasetRef.Parse(new DatasetRef("/data/mnist").ToString()));
    }

    /// <summary>A completed run with 60 curve points, 30 epochs, 60 misclassified samples and 784 weights.</summary>
    private static RunRecord Big(int seed)
    {
        RunSpec spec = SampleRuns.Spec(TrainingMode.Robust, 0.1, seed) with { AttackCount = 60 };
        float[] Quantiles(int g) => [.. Enumerable.Range(0, LogitQuantiles.Count).Select(q => g + q * 0.25f + seed * 1e-3f)];
        return new RunRecord(spec.Key, spec, RunStatus.Completed, null, 1 + seed % 3, $"silo-{seed % 4}", seed * 0.1,
            0.9, 0.8 + seed * 1e-4, seed % 2 == 0 ? null : 0.05 * seed, 0.3, 12.5 + seed, 0.7, seed * -0.01f,
            [.. Enumerable.Range(0, 784).Select(i => (i - 392) * 1e-3f * seed)],
            [.. Enumerable.Range(0, 60).Select(g => g * 0.01)], [.. Enumerable.Range(0, 60).Select(g => 1 - g / 60.0 + seed * 1e-6)],
            [.. Enumerable.Range(1, 30).Select(e => new EpochRecord(e, 1.0 / e, 1.1 / e, 0.5 + e * 0.01, 0.4 + e * 0.01) { WeightAbsQuantiles = e % 2 == 0 ? Quantiles(e) : [] })],
            [.. Enumerable.Range(0, 60).Select(g => new MisclassifiedRecord(g, 0, (g + seed) % 7, -g * 0.01f))],
            [.. Enumerable.Range(0, 60).Select(g => g % 3 == 0 ? 0 : g)],
            [.. Enumerable.Range(0, 60).Select(g => g % 3 == 0 ? [] : Quantiles(g))]);
    }

    private async Task WriteAsync(IReadOnlyList<RunRecord> records, bool parts, Func<RunSpec, int, TestSample> sample, int runsPerPart)
    {
        if (parts)
        {
            await PartsLayout.WriteSlicesAsync(Sweep, "s1", PartsLayout.Slices(records, runsPerPart), sample);
            Assert.False(SweepTables.IsSingleFileLayout(Sweep));
            Assert.True(SweepTables.Files(Sweep, SweepTables.Curves).Count > 1);
        }
        else
        {
            await SweepResultsWriter.WriteSingleFilesAsync(Sweep, "s1", records, sample);
        }
    }

    private static async Task<List<RunRecord?>> ReadAsync(string sweep, IReadOnlyList<RunRecord> records, Func<RunSpec, int, int> testIndexOf)
    {
        await using var reader = new CommittedRunReader(sweep, testIndexOf);
        var read = new List<RunRecord?>();
        foreach (RunRecord r in Sorted(records))
        {
            read.Add(await reader.ReadAsync(r.RunKey, CancellationToken.None));
        }
        return read;
    }

    private static List<RunRecord> Sorted(IEnumerable<RunRecord> records) => [.. records.OrderBy(r => r.RunKey, StringComparer.Ordinal)];
}
