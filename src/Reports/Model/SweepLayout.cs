using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Tells a sweep directory of the current layout (misclassified rows name a sample; images live once in the samples
/// table) from one an older RobustGrid wrote (an image in every misclassified row), which the report cannot draw the
/// fooling examples from. Either layout of files (single or parts, <see cref="SweepTables"/>) is read.
/// </summary>
internal static class SweepLayout
{
    /// <exception cref="ReportInputException">The directory has the older layout, or the samples table is missing.</exception>
    public static async Task EnsureCurrentAsync(string directory, CancellationToken cancellationToken)
    {
        string misclassified = TableFiles.Describe(directory, SweepTables.Misclassified);
        Parquet.Schema.ParquetSchema schema;
        try
        {
            // Every part of a table has the same columns: the first tells.
            await using var stream = File.OpenRead(TableFiles.Of(directory, SweepTables.Misclassified)[0]);
            schema = await ParquetReader.ReadSchemaAsync(stream);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or ParquetException)
        {
            throw new ReportInputException($"{directory}: {misclassified} could not be read ({e.Message}).", e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var columns = schema.GetDataFields().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        string samples = TableFiles.Describe(directory, SweepTables.Samples);
        if (columns.Contains("image") || columns.Contains("test_index") || !columns.Contains("sample_index"))
        {
            throw new ReportInputException(
                $"{directory} was written by an older RobustGrid (an image in every row of {misclassified}, no {samples}); "
                + "rerun the sweep with this version to get a report of it.");
        }
        if (!SweepTables.Exists(directory, SweepTables.Samples))
        {
            throw new ReportInputException($"{directory}: {samples} is missing; is this a sweep's results directory?");
        }
    }
}
