using Parquet;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Results;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Everything a report draws, read from a sweep's Parquet files and grouped into sections and models. Only the
/// runs' scalar columns, per-model aggregates and the representative runs' rows are held: memory grows with
/// models x grid points and runs x a few scalars, not with the rows of curves, epochs or misclassified samples.
/// </summary>
public sealed class ReportData
{
    private ReportData(string sweepId, IReadOnlyList<ReportRun> runs, IReadOnlyList<ReportSection> sections)
    {
        SweepId = sweepId;
        Runs = runs;
        Sections = sections;
    }

    public string SweepId { get; }

    public IReadOnlyList<ReportRun> Runs { get; }

    public IReadOnlyList<ReportSection> Sections { get; }

    /// <summary>
    /// Reads runs.parquet's scalar columns, aggregates curves.parquet and epochs.parquet into the models while
    /// streaming them, and reads weights and fooled samples only for each model's representative run.
    /// </summary>
    /// <exception cref="ReportInputException">A file is missing, unreadable, of an older layout, or holds no runs.</exception>
    public static async Task<ReportData> LoadAsync(string sweepDirectory, ReportOptions options, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(sweepDirectory))
        {
            throw new ReportInputException($"{sweepDirectory}: no such directory (give results/<sweep-id>).");
        }
        foreach (string table in new[] { SweepTables.Runs, SweepTables.Curves, SweepTables.Epochs, SweepTables.Misclassified })
        {
            if (!SweepTables.Exists(sweepDirectory, table))
            {
                throw new ReportInputException($"{sweepDirectory}: {TableFiles.Describe(sweepDirectory, table)} is missing; is this a sweep's results directory?");
            }
        }
        await SweepLayout.EnsureCurrentAsync(sweepDirectory, cancellationToken);
        try
        {
            (string sweepId, List<ReportRun> runs) = await RunTable.ReadAsync(sweepDirectory, cancellationToken);
            if (runs.Count == 0)
            {
                throw new ReportInputException($"{sweepDirectory}: {TableFiles.Describe(sweepDirectory, SweepTables.Runs)} holds no runs.");
            }
            List<List<ModelAccumulator>> sections = Group(runs, options.TableEps);
            var models = sections.SelectMany(s => s).ToList();
            var slots = new Dictionary<string, RunSlot>(StringComparer.Ordinal);
            foreach (ModelAccumulator model in models)
            {
                foreach (ReportRun run in model.Completed)
                {
                    slots[run.RunKey] = new RunSlot(run, model);
                }
            }
            await CurveTable.AggregateAsync(sweepDirectory, new RunSlots(slots), cancellationToken);
            await EpochTable.AggregateAsync(sweepDirectory, new RunSlots(slots), cancellationToken);
            var shown = models.Select(m => m.Representative?.RunKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Dictionary<string, LinearModel> weights = await RunWeights.ReadAsync(sweepDirectory, shown, cancellationToken);
            ILookup<string, FooledSample> fooled = await FooledSamples.ReadAsync(sweepDirectory, shown, cancellationToken);
            List<ReportSection> built = [.. sections.Select(s =>
            {
                ReportModel[] sectionModels = [.. s.Select(m => m.Build(
                    m.Representative is { } r && weights.TryGetValue(r.RunKey, out LinearModel? w) ? (w.Weights, w.Bias) : ([], 0f),
                    m.Representative is { } f ? [.. fooled[f.RunKey]] : []))];
                return new ReportSection(sectionModels[0].Section, sectionModels, s[0].TableEps);
            })];
            return new ReportData(sweepId, runs, built);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or ParquetException)
        {
            throw new ReportInputException($"{sweepDirectory}: the Parquet files could not be read ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Sections by dataset, pair, norm and clip; in each, the models regular first, then robust by training eps. A
    /// section's table radii come from its first completed run's grid (<see cref="TableRadii.For"/>).
    /// </summary>
    private static List<List<ModelAccumulator>> Group(IReadOnlyList<ReportRun> runs, IReadOnlyList<double>? tableEps) =>
        [.. runs
            .GroupBy(r => (Section: new SectionKey(r.DatasetName, r.NegativeClass, r.PositiveClass, r.Norm, r.Clip), Model: ModelKey.Of(r.Mode, r.TrainEps)))
            .GroupBy(g => g.Key.Section)
            .OrderBy(s => s.Key.Dataset, StringComparer.Ordinal).ThenBy(s => s.Key.NegativeClass).ThenBy(s => s.Key.PositiveClass)
            .ThenBy(s => EnumNames.Name(s.Key.Norm), StringComparer.Ordinal).ThenBy(s => s.Key.Clip)
            .Select(s =>
            {
                ReportRun reference = s.SelectMany(m => m).OrderBy(r => r.Completed ? 0 : 1).First();
                double[] radii = TableRadii.For(reference.AttackGrid, tableEps);
                return s.Select(m =>
                {
                    List<ReportRun> completed = [.. m.Where(r => r.Completed).OrderBy(r => r.Seed)];
                    return new ModelAccumulator(m.Key.Section, m.Key.Model, completed, m.Count() - completed.Count, ReportModel.MedianRun(completed), radii);
                })
                .OrderBy(m => m.Key)
                .ToList();
            })];
}
