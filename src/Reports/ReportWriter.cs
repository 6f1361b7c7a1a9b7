using System.Diagnostics;
using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Model;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;

namespace RobustGrid.Reports;

/// <summary>What a report wrote and how long it took.</summary>
public sealed record ReportOutcome(string Directory, string IndexFile, IReadOnlyList<FigureFile> Figures, ReportData Data, TimeSpan Elapsed);

/// <summary>
/// Writes a sweep's report: PNG figures and index.html, from its Parquet files only. Everything is drawn into a
/// temporary directory beside the target and moved into place at the end, so a failure leaves no half report.
/// </summary>
public static class ReportWriter
{
    public const string IndexFile = "index.html";

    /// <param name="sweepDirectory">results/&lt;sweep-id&gt;, holding the five Parquet files.</param>
    /// <param name="outDirectory">Where the report goes; an earlier report there is replaced, any other non-empty directory is refused.</param>
    /// <param name="options">Radii of the accuracy table and such; null for the defaults.</param>
    /// <exception cref="ReportInputException">The input cannot be read or the output cannot be written.</exception>
    public static async Task<ReportOutcome> WriteAsync(string sweepDirectory, string outDirectory, ReportOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string target = Path.GetFullPath(outDirectory);
        RefuseForeignDirectory(target);
        progress?.Report("reading Parquet files");
        ReportData data = await ReportData.LoadAsync(sweepDirectory, options ?? new ReportOptions(), cancellationToken);
        // Built in full under a hidden temporary name beside the target, then moved into place.
        string temporary = AtomicFile.TemporaryPath(target);
        try
        {
            Directory.CreateDirectory(temporary);
            var sections = new List<(ReportSection, IReadOnlyList<FigureFile>, IReadOnlyList<string>)>();
            var tasks = new TaskSource();
            TransferTable? transfer = await ReadTransferAsync(sweepDirectory, data, cancellationToken);
            foreach (ReportSection section in data.Sections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report($"drawing {section.Key.Title}");
                FigureFile?[] figures =
                [
                    RobustnessCurvesFigure.Draw(section, temporary),
                    WeightStampsFigure.Draw(section, temporary),
                    WipeOutFigure.Draw(section, temporary),
                    WipeOutEpochsFigure.Draw(section, temporary),
                    FoolingExamplesFigure.Draw(section, temporary),
                    ClosestFooledFigure.Draw(section, temporary),
                    CleanErrorsFigure.Draw(section, temporary),
                    EpsBoxesFigure.Draw(section, temporary),
                    LogitDensityFigure.Draw(section, temporary),
                    TrainingCurvesFigure.Draw(section, temporary),
                    RadiusFigure.Draw(section, temporary),
                    LossLandscapeFigure.Draw(section, temporary, tasks, out string? landscapeNote),
                    TransferFigure.Draw(section, temporary, tasks, transfer, out string? transferNote),
                ];
                sections.Add((section, [.. figures.OfType<FigureFile>()], [.. new[] { landscapeNote, transferNote }.OfType<string>()]));
            }
            progress?.Report("drawing the class-pair matrices");
            FigureFile[] pairs = [.. data.Sections.GroupBy(s => (s.Key.Dataset, s.Key.Norm, s.Key.Clip))
                .Select(g => PairMatrixFigure.Draw([.. g], temporary)).OfType<FigureFile>()];
            FigureFile hinge = RobustHingeFigure.Draw(data, temporary);
            await File.WriteAllTextAsync(Path.Combine(temporary, IndexFile), ReportPage.Render(data, options ?? new ReportOptions(), sections, hinge, pairs), cancellationToken);
            progress?.Report("moving the report into place");
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(temporary, target);
            return new ReportOutcome(target, Path.Combine(target, IndexFile), [.. pairs, .. sections.SelectMany(s => s.Item2), hinge], data, clock.Elapsed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"{target}: the report could not be written ({e.Message}).", e);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>transfer.parquet aggregated at each section's middle table radius; null when the sweep has none.</summary>
    private static async Task<TransferTable?> ReadTransferAsync(string sweepDirectory, ReportData data, CancellationToken cancellationToken)
    {
        try
        {
            return await TransferTable.ReadAsync(sweepDirectory, data.Sections.Where(s => s.TableEps.Count > 0).ToDictionary(s => s.Key, s => s.TableEps[s.TableEps.Count / 2]), cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or Parquet.ParquetException)
        {
            throw new ReportInputException($"{sweepDirectory}: {TransferWriter.FileName} could not be read ({e.Message}).", e);
        }
    }

    /// <summary>A report replaces an earlier report, never a directory of something else.</summary>
    private static void RefuseForeignDirectory(string target)
    {
        if (File.Exists(target))
        {
            throw new ReportInputException($"{target} is a file; give a directory for the report.");
        }
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, IndexFile)))
        {
            throw new ReportInputException($"{target} exists and does not hold a report; choose another --out.");
        }
    }
}
