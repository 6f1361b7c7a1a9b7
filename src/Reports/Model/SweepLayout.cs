using Parquet;
using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Tells a sweep directory of the current layout (misclassified rows name a sample; images live once in
/// samples.parquet) from one an older RobustGrid wrote (an image in every misclassified row), which the report
/// cannot draw the fooling examples from.
/// </summary>
internal static class SweepLayout
{
    /// <exception cref="ReportInputException">The directory has the older layout, or samples.parquet is missing.</exception>
    public static async Task EnsureCurrentAsync(string directory, CancellationToken cancellationToken)
    {
        Parquet.Schema.ParquetSchema schema;
        try
        {
            await using var stream = File.OpenRead(Path.Combine(directory, SweepResultsWriter.Misclassified));
            schema = await ParquetReader.ReadSchemaAsync(stream);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or ParquetException)
        {
            throw new ReportInputException($"{directory}: {SweepResultsWriter.Misclassified} could not be read ({e.Message}).", e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var columns = schema.GetDataFields().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (columns.Contains("image") || columns.Contains("test_index") || !columns.Contains("sample_index"))
        {
            throw new ReportInputException(
                $"{directory} was written by an older RobustGrid (an image in every row of {SweepResultsWriter.Misclassified}, no {SweepResultsWriter.Samples}); "
                + "rerun the sweep with this version to get a report of it.");
        }
        if (!File.Exists(Path.Combine(directory, SweepResultsWriter.Samples)))
        {
            throw new ReportInputException($"{directory}: {SweepResultsWriter.Samples} is missing; is this a finished sweep's directory?");
        }
    }
}
