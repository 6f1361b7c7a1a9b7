namespace RobustGrid.Results.Layout;

/// <summary>
/// Where a sweep's tables live (docs/RESULTS-SCHEMA.md), the one mapping from a table to its files. A sweep commits its
/// rows as it runs, in immutable parts of <see cref="RunsPerPart"/> runs in run-key order: part p of table t is
/// <c>&lt;sweep&gt;/&lt;t&gt;/part-&lt;p, six digits&gt;.parquet</c>, so <c>&lt;sweep&gt;/&lt;t&gt;/*.parquet</c> is the
/// table (DuckDB's <c>read_parquet</c> with a glob, pyarrow's dataset, Spark). Sweeps written before parts hold each
/// table as one file, <c>&lt;sweep&gt;/&lt;t&gt;.parquet</c>; every reader takes either through <see cref="Files"/>.
/// </summary>
public static class SweepTables
{
    public const string Runs = "runs";
    public const string Curves = "curves";
    public const string Epochs = "epochs";
    public const string Misclassified = "misclassified";
    public const string Samples = "samples";

    /// <summary>The tables every sweep has, in the order a part writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [Runs, Curves, Epochs, Misclassified, Samples];

    /// <summary>
    /// Runs per part: part boundaries depend only on the runs' key order, never on timing, so a sweep's parts are the same
    /// bytes however it ran. 512 runs fill one runs row group; a 20,000-run sweep is 40 parts of each table, a
    /// 1,000,000-run sweep 1,954; a coordinator that dies loses at most the runs of the part it had open.
    /// </summary>
    public const int RunsPerPart = 512;

    /// <summary>The file of part <paramref name="part"/>: <c>part-000042.parquet</c>.</summary>
    public static string PartFileName(int part) => $"part-{part:D6}.parquet";

    /// <summary>The folder of <paramref name="table"/>'s parts.</summary>
    public static string PartsDirectory(string sweepDirectory, string table) => Path.Combine(sweepDirectory, table);

    /// <summary>Part <paramref name="part"/> of <paramref name="table"/>.</summary>
    public static string PartPath(string sweepDirectory, string table, int part) => Path.Combine(sweepDirectory, table, PartFileName(part));

    /// <summary>A table's single file in the layout before parts: <c>runs.parquet</c>.</summary>
    public static string SingleFileName(string table) => table + ".parquet";

    /// <summary>How many parts the runs of a sweep of <paramref name="total"/> runs take (at least one: an empty sweep still has its schema).</summary>
    public static int PartCount(int total) => Math.Max(1, (total + RunsPerPart - 1) / RunsPerPart);

    /// <summary>The positions (in run-key order) of part <paramref name="part"/>'s runs: [first, end).</summary>
    public static (int First, int End) PartRange(int part, int total) => (part * RunsPerPart, Math.Min(total, (part + 1) * RunsPerPart));

    /// <summary>
    /// The files of <paramref name="table"/> in row order: its single file in a sweep of the earlier layout, else every
    /// part in place (a part in place is complete: it was renamed there whole) whose runs part is in place too, in part order. Empty when there are none.
    /// </summary>
    public static IReadOnlyList<string> Files(string sweepDirectory, string table)
    {
        string single = Path.Combine(sweepDirectory, SingleFileName(table));
        if (File.Exists(single))
        {
            return [single];
        }
        string parts = PartsDirectory(sweepDirectory, table);
        if (!Directory.Exists(parts))
        {
            return [];
        }
        string[] files = Directory.GetFiles(parts, "part-*.parquet");
        Array.Sort(files, StringComparer.Ordinal);
        if (table == Runs)
        {
            return files;
        }
        // A commit renames the runs part last, so a part whose runs file is not in place yet is still being renamed:
        // leaving it out keeps every table at the same runs.
        string runs = PartsDirectory(sweepDirectory, Runs);
        return [.. files.Where(f => File.Exists(Path.Combine(runs, Path.GetFileName(f))))];
    }

    /// <summary>True when <paramref name="table"/> has at least one file (single or part).</summary>
    public static bool Exists(string sweepDirectory, string table) => Files(sweepDirectory, table).Count > 0;

    /// <summary>What a user or a query names as the table: the single file, or the parts' glob (<c>&lt;sweep&gt;/runs/*.parquet</c>).</summary>
    public static string Glob(string sweepDirectory, string table) =>
        File.Exists(Path.Combine(sweepDirectory, SingleFileName(table)))
            ? Path.Combine(sweepDirectory, SingleFileName(table))
            : Path.Combine(PartsDirectory(sweepDirectory, table), "*.parquet");

    /// <summary>True when the sweep is in the earlier layout (one file per table).</summary>
    public static bool IsSingleFileLayout(string sweepDirectory) => File.Exists(Path.Combine(sweepDirectory, SingleFileName(Runs)));
}
