using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using RobustGrid.Results.Layout;

namespace RobustGrid.TestUtilities;

/// <summary>Reads a sweep's Parquet files back the way analysts do: DuckDB SQL, each query on a fresh in-memory database.</summary>
public static class DuckDb
{
    /// <summary>
    /// <c>read_parquet('&lt;directory&gt;/&lt;name&gt;')</c>, quoted for SQL. The file of one of a sweep's tables
    /// (<c>runs.parquet</c>, ...) is read as that table in either layout (<see cref="Table"/>); other names (<c>transfer.parquet</c>) as they are.
    /// </summary>
    public static string File(string directory, string name) =>
        name.EndsWith(".parquet", StringComparison.Ordinal) && SweepTables.All.Contains(name[..^".parquet".Length])
            ? Table(directory, name[..^".parquet".Length])
            : Source(Path.Combine(directory, name));

    /// <summary>
    /// <c>read_parquet</c> of a sweep's table (<c>runs</c>, ...): its single file, or the glob of its parts
    /// (<c>&lt;directory&gt;/runs/*.parquet</c>), as <see cref="SweepTables.Glob"/> names it.
    /// </summary>
    public static string Table(string directory, string table) => Source(SweepTables.Glob(directory, table));

    private static string Source(string path) => "read_parquet('" + path.Replace("'", "''") + "')";

    /// <summary>The first column of the first row as an integer (DuckDB's HUGEINT sums included).</summary>
    public static long Scalar(string sql) => Single(sql) switch
    {
        System.Numerics.BigInteger big => (long)big,
        var value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The first column of the first row as a double.</summary>
    public static double Real(string sql) => Convert.ToDouble(Single(sql), CultureInfo.InvariantCulture);

    /// <summary>Every row, each as its column values (null for SQL NULL; a BLOB copied to a byte array).</summary>
    public static List<object?[]> Rows(string sql, string? setup = null) =>
        Read(sql, setup, reader => Enumerable.Range(0, reader.FieldCount).Select(i => Value(reader, i)).ToArray());

    /// <summary>Every row, each as column name to value (null for SQL NULL; a BLOB copied to a byte array).</summary>
    public static List<Dictionary<string, object?>> Records(string sql, string? setup = null) =>
        Read(sql, setup, reader => Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Value(reader, i)));

    /// <summary>The first column of every row.</summary>
    public static List<T> Column<T>(string sql) => Read(sql, null, reader => reader.GetFieldValue<T>(0));

    /// <summary>Column name to DuckDB type of <paramref name="source"/> (a table expression such as <see cref="File"/>).</summary>
    public static Dictionary<string, string> Describe(string source) =>
        Read($"describe select * from {source}", null, reader => (Name: reader.GetString(0), Type: reader.GetString(1))).ToDictionary(c => c.Name, c => c.Type);

    private static object? Single(string sql) => Rows(sql).FirstOrDefault()?.FirstOrDefault();

    private static List<T> Read<T>(string sql, string? setup, Func<DbDataReader, T> row)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        if (setup is not null)
        {
            using var prepare = connection.CreateCommand();
            prepare.CommandText = setup;
            prepare.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }
        return rows;
    }

    // A BLOB comes as a stream over the reader's current row: copied before the reader moves on.
    private static object? Value(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }
        object value = reader.GetValue(i);
        if (value is Stream blob)
        {
            using var copy = new MemoryStream();
            blob.CopyTo(copy);
            return copy.ToArray();
        }
        return value;
    }
}
