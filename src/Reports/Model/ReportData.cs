using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>Everything a report draws, read from a sweep's Parquet files and grouped into sections and models.</summary>
public sealed class ReportData
{
    private ReportData(string sweepId, IReadOnlyList<RunRow> runs, IReadOnlyList<CurveRow> curves, IReadOnlyList<EpochRow> epochs, IReadOnlyList<ReportSection> sections)
    {
        SweepId = sweepId;
        Runs = runs;
        CurvesByRun = curves.OrderBy(c => c.EpsIndex).ToLookup(c => c.RunKey);
        EpochsByRun = epochs.OrderBy(e => e.Epoch).ToLookup(e => e.RunKey);
        Sections = sections;
    }

    public string SweepId { get; }

    public IReadOnlyList<RunRow> Runs { get; }

    /// <summary>Each run's curve rows, in eps-index order.</summary>
    public ILookup<string, CurveRow> CurvesByRun { get; }

    /// <summary>Each run's epoch rows, in epoch order.</summary>
    public ILookup<string, EpochRow> EpochsByRun { get; }

    public IReadOnlyList<ReportSection> Sections { get; }

    /// <summary>
    /// The fooled samples the fooling-examples figure shows: rank 0 (nearest the boundary) of each representative
    /// run, with their images; filled by <see cref="LoadAsync"/>.
    /// </summary>
    public ILookup<string, MisclassifiedRow> Fooled { get; private set; } = Array.Empty<MisclassifiedRow>().ToLookup(m => m.RunKey);

    /// <summary>The images of the test samples misclassified rows name, by (dataset hash, sample index); filled by <see cref="LoadAsync"/>.</summary>
    public IReadOnlyDictionary<(string DatasetHash, int SampleIndex), SampleRow> Samples { get; private set; } = new Dictionary<(string, int), SampleRow>();

    /// <summary>Reads runs, curves and epochs, and from misclassified.parquet only the rows the figures show.</summary>
    /// <exception cref="ReportInputException">A file is missing, unreadable, or holds no runs.</exception>
    public static async Task<ReportData> LoadAsync(string sweepDirectory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(sweepDirectory))
        {
            throw new ReportInputException($"{sweepDirectory}: no such directory (give results/<sweep-id>).");
        }
        foreach (string file in SweepResultsWriter.Files)
        {
            if (!File.Exists(Path.Combine(sweepDirectory, file)))
            {
                throw new ReportInputException($"{sweepDirectory}: {file} is missing; is this a finished sweep's directory?");
            }
        }
        try
        {
            IReadOnlyList<RunRow> runs = await SweepResultsReader.ReadRunsAsync(sweepDirectory, cancellationToken);
            if (runs.Count == 0)
            {
                throw new ReportInputException($"{sweepDirectory}: runs.parquet holds no runs.");
            }
            IReadOnlyList<CurveRow> curves = await SweepResultsReader.ReadCurvesAsync(sweepDirectory, cancellationToken);
            IReadOnlyList<EpochRow> epochs = await SweepResultsReader.ReadEpochsAsync(sweepDirectory, cancellationToken);
            var data = new ReportData(runs[0].SweepId, runs, curves, epochs, Group(runs));
            var shown = data.Sections.SelectMany(s => s.Models).Select(m => m.Representative?.RunKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<MisclassifiedRow> fooled = await SweepResultsReader.ReadMisclassifiedAsync(
                sweepDirectory, (runKey, rank) => rank == 0 && shown.Contains(runKey), cancellationToken);
            data.Fooled = fooled.ToLookup(m => m.RunKey);
            data.Samples = (await SweepResultsReader.ReadSamplesAsync(sweepDirectory, cancellationToken)).ToDictionary(s => (s.DatasetHash, s.SampleIndex));
            return data;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new ReportInputException($"{sweepDirectory}: the Parquet files could not be read ({e.Message}).", e);
        }
    }

    private static List<ReportSection> Group(IReadOnlyList<RunRow> runs) =>
        [.. runs
            .GroupBy(r => new ModelKey(new SectionKey(r.DatasetName, r.NegativeClass, r.PositiveClass, r.Norm, r.Clip), r.Mode, r.TrainEps))
            .GroupBy(g => g.Key.Section)
            .OrderBy(s => s.Key.Dataset, StringComparer.Ordinal).ThenBy(s => s.Key.NegativeClass).ThenBy(s => s.Key.PositiveClass)
            .ThenBy(s => s.Key.Norm, StringComparer.Ordinal).ThenBy(s => s.Key.Clip)
            .Select(s => new ReportSection(s.Key, [.. s
                .Select(m =>
                {
                    List<RunRow> completed = [.. m.Where(r => r.Status == "completed").OrderBy(r => r.Seed)];
                    return new ReportModel(m.Key, completed, m.Count() - completed.Count, ReportModel.MedianRun(completed));
                })
                .Order(Comparer<ReportModel>.Create((a, b) => ModelKey.Compare(a.Key, b.Key)))]))];
}
