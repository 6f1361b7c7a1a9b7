using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Reading;

/// <summary>The files a reader reads a table from: <see cref="SweepTables.Files"/>, or a clear error when there are none.</summary>
public static class TableFiles
{
    /// <summary>The files of <paramref name="table"/> in <paramref name="directory"/>, in row order (at least one).</summary>
    /// <exception cref="InvalidDataException">The directory holds neither <c>&lt;table&gt;.parquet</c> nor a committed part of the table.</exception>
    public static IReadOnlyList<string> Of(string directory, string table)
    {
        IReadOnlyList<string> files = SweepTables.Files(directory, table);
        return files.Count > 0
            ? files
            : throw new InvalidDataException(
                $"{directory} has no {table} table (neither {SweepTables.SingleFileName(table)} nor a committed part in {Path.Combine(table, "part-*.parquet")}).");
    }

    /// <summary>
    /// How a message names <paramref name="table"/> of <paramref name="directory"/>: <c>runs.parquet</c> in a sweep of the
    /// single-file layout, <c>runs/*.parquet</c> otherwise (its parts, present or not).
    /// </summary>
    public static string Describe(string directory, string table) =>
        SweepTables.IsSingleFileLayout(directory) ? SweepTables.SingleFileName(table) : Path.Combine(table, "*.parquet");
}
