using RobustGrid.Dashboard.Files;
using RobustGrid.Dashboard.Model;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Dashboard.Tests.Files;

/// <summary>
/// A sweep folder turned into the page's numbers: counts, each model's mean curve and seed band against values worked
/// out by hand (<see cref="FixtureSweep"/>), the summary table equal to <c>robustgrid results</c>' (SweepSummary), and
/// each committed part read once however often the page refreshes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SweepDirectorySnapshotTests : IDisposable
{
    private const string Id = "sweep-fixture";
    private readonly TempDirectory _root = new("dashboard-snapshot");

    private string Sweep => Path.Combine(_root.Path, Id);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Counts_curves_and_seed_bands_are_the_hand_computed_ones()
    {
        await FixtureSweep.WriteAsync(Sweep, Id);
        SweepFiles files = await new SweepDirectorySnapshot(Sweep, Id).RefreshAsync();

        Assert.Equal((5, 4, 1, true, false), (files.Total, files.Completed, files.Failed, files.Complete, files.Finished));
        Assert.Equal(2, files.Curves.Count);
        ModelCurveView regular = files.Curves[0], robust = files.Curves[1];
        Assert.Equal(("mnist-embedded 0 vs 1, linf", "regular", 3), (regular.Section, regular.Model, regular.Seeds));
        Assert.Equal([0, 0.1, 0.2], regular.Eps);
        AssertClose([0.9, 0.5, 0.1], regular.Mean);
        AssertClose([0.1, 0.1, 0.1], regular.Std);
        Assert.Equal(("robust eps 0.1", 1), (robust.Model, robust.Seeds));
        AssertClose([1.0, 0.9, 0.7], robust.Mean);
        AssertClose([0, 0, 0], robust.Std);
        FailedRunView failed = Assert.Single(files.FailedRuns);
        Assert.Equal(("robust eps 0.1", 2L, "boom"), (failed.Model, failed.Seed, failed.Error));
    }

    [Fact]
    public async Task The_table_has_the_numbers_robustgrid_results_prints()
    {
        await FixtureSweep.WriteAsync(Sweep, Id);
        SweepFiles files = await new SweepDirectorySnapshot(Sweep, Id).RefreshAsync();
        IReadOnlyList<ModelSummary> results = await SweepSummary.ReadAsync(Sweep);

        Assert.Equal(results.Select(SummaryRowView.Of).Select(Show), files.Summary.Select(Show));
        SummaryRowView regular = files.Summary[0];
        Assert.Equal(("regular", 3, 0), (regular.Model, regular.Completed, regular.Failed));
        Assert.Equal(0.5, regular.AccuracyAt[Array.IndexOf(regular.TableEps, 0.1)].Mean!.Value, 12);
        Assert.Equal(0.15, regular.Eps50.Mean!.Value, 12);
        Assert.Equal(("robust eps 0.1", 1, 1), (files.Summary[1].Model, files.Summary[1].Completed, files.Summary[1].Failed));
    }

    [Fact]
    public async Task Each_committed_part_is_read_once_and_a_refresh_without_a_commit_reads_nothing()
    {
        var slices = await FixtureSweep.WriteAsync(Sweep, Id, sizeOfPart: 2, committed: 1);
        Assert.Equal(3, slices.Count);
        var snapshot = new SweepDirectorySnapshot(Sweep, Id);

        SweepFiles first = await snapshot.RefreshAsync();
        Assert.Equal((1, 2, 5), (snapshot.FilesRead, first.Committed, first.Total));
        Assert.Same(first, await snapshot.RefreshAsync());
        Assert.Equal(1, snapshot.FilesRead);

        FixtureSweep.Commit(Sweep, Id, 2, slices);
        SweepFiles second = await snapshot.RefreshAsync();
        Assert.Equal((2, 4), (snapshot.FilesRead, second.Committed));

        FixtureSweep.Commit(Sweep, Id, 3, slices);
        SweepFiles third = await snapshot.RefreshAsync();
        Assert.Equal((3, 5, true), (snapshot.FilesRead, third.Committed, third.Complete));
        // Read part by part, the sums are those of the whole sweep read at once.
        SweepFiles whole = await new SweepDirectorySnapshot(Sweep, Id).RefreshAsync();
        Assert.Equal(whole.Curves.Select(c => string.Join(',', c.Mean.Concat(c.Std).Select(v => v.ToString("R")))),
            third.Curves.Select(c => string.Join(',', c.Mean.Concat(c.Std).Select(v => v.ToString("R")))));
        Assert.Equal(whole.Summary.Select(Show), third.Summary.Select(Show));
        Assert.Equal(3, snapshot.FilesRead);
    }

    [Fact]
    public async Task Fewer_committed_parts_than_read_start_the_reading_over()
    {
        var slices = await FixtureSweep.WriteAsync(Sweep, Id, sizeOfPart: 2);
        var snapshot = new SweepDirectorySnapshot(Sweep, Id);
        Assert.Equal(5, (await snapshot.RefreshAsync()).Committed);

        FixtureSweep.Commit(Sweep, Id, 1, slices);
        SweepFiles cut = await snapshot.RefreshAsync();
        Assert.Equal((2, false), (cut.Committed, cut.Complete));
        Assert.Equal(4, snapshot.FilesRead);
    }

    [Fact]
    public async Task Curves_that_straddle_row_groups_are_summed_point_by_point()
    {
        RunRecord[] runs = [.. Enumerable.Range(1, 330).Select(s => FixtureSweep.LongRun(s))];
        await PartsLayout.WriteSlicesAsync(Sweep, Id, [runs.OrderBy(r => r.RunKey, StringComparer.Ordinal).ToArray()], SampleRuns.Sample);
        new SweepManifest(SweepManifest.CurrentFormat, Id, runs.Length, runs.Length, 1, runs.Length, true).Write(Sweep);
        await using (var curves = await RobustGrid.Results.Reading.ParquetColumns.OpenAsync(Sweep, SweepTables.Curves, CancellationToken.None))
        {
            Assert.True(curves.RowGroupCount > 1, "the fixture's curves fit one row group: nothing straddles");
        }

        ModelCurveView curve = Assert.Single((await new SweepDirectorySnapshot(Sweep, Id).RefreshAsync()).Curves);
        Assert.Equal((330, 101), (curve.Seeds, curve.Mean.Length));
        for (int p = 0; p < 101; p++)
        {
            double[] values = [.. Enumerable.Range(1, 330).Select(s => FixtureSweep.LongCurve(s, p))];
            double mean = values.Average();
            Assert.Equal(p * 0.005, curve.Eps[p], 12);
            Assert.Equal(mean, curve.Mean[p], 10);
            Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)), curve.Std[p], 10);
        }
    }

    [Fact]
    public async Task A_damaged_part_is_reported_and_read_again_from_the_start_once_the_folder_changes()
    {
        var slices = await FixtureSweep.WriteAsync(Sweep, Id, sizeOfPart: 2, committed: 1);
        string curves = SweepTables.PartPath(Sweep, SweepTables.Curves, 1);
        byte[] whole = await File.ReadAllBytesAsync(curves);
        await File.WriteAllBytesAsync(curves, whole[..(whole.Length / 2)]);
        var snapshot = new SweepDirectorySnapshot(Sweep, Id);
        Assert.Equal(2, (await snapshot.RefreshAsync()).Committed);

        FixtureSweep.Commit(Sweep, Id, 2, slices);
        SweepFiles damaged = await snapshot.RefreshAsync();
        Assert.StartsWith("cannot read the results", damaged.Error);
        Assert.Equal(0, damaged.Committed);

        await File.WriteAllBytesAsync(curves, whole);
        FixtureSweep.Commit(Sweep, Id, 3, slices);
        SweepFiles repaired = await snapshot.RefreshAsync();
        Assert.Equal((5, (string?)null), (repaired.Committed, repaired.Error));
    }

    [Fact]
    public async Task A_manifest_that_is_not_one_is_reported_not_thrown()
    {
        Directory.CreateDirectory(Sweep);
        await File.WriteAllTextAsync(Path.Combine(Sweep, "manifest.json"), "{ not json");
        SweepFiles files = await new SweepDirectorySnapshot(Sweep, Id).RefreshAsync();
        Assert.Contains("not valid JSON", files.Error);
        Assert.Equal(0, files.Committed);
    }

    private static string Show(SummaryRowView r) =>
        $"{r.Section}|{r.Model}|{r.Completed}|{r.Failed}|{r.CleanAccuracy}|{string.Join(',', r.TableEps)}|{string.Join(',', r.AccuracyAt.Select(a => a.ToString()))}|{r.Eps50}";

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"point {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
