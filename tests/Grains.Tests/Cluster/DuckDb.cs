using DuckDB.NET.Data;

namespace RobustGrid.Grains.Tests.Cluster;

/// <summary>Reads the sweep's Parquet files back the way analysts do: DuckDB SQL over read_parquet.</summary>
internal static class DuckDb
{
    public static long Scalar(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        return value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value);
    }

    public static List<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static string File(string directory, string name) => "read_parquet('" + Path.Combine(directory, name).Replace("'", "''") + "')";
}
