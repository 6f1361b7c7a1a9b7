using System.Text;

namespace RobustGrid.Results;

/// <summary>
/// <c>sweep.json</c> in a sweep's results directory: the normalized spec and dataset hash the files came from
/// (docs/RESULTS-SCHEMA.md). Written atomically once the Parquet files are in place, so a directory that has it
/// names exactly what its files hold; a request for other results is never served from it.
/// </summary>
public static class SweepJsonFile
{
    public const string Name = "sweep.json";

    /// <summary>Writes <paramref name="json"/> as the directory's <c>sweep.json</c>, replacing an older one in one rename.</summary>
    public static async Task WriteAsync(string directory, string json)
    {
        AtomicFile.RemoveStale(directory, Name);
        await AtomicFile.WriteAsync(directory, Name, stream => stream.WriteAsync(Encoding.UTF8.GetBytes(json)).AsTask());
    }

    /// <summary>The text of the directory's <c>sweep.json</c>, or null when it has none (or it cannot be read).</summary>
    public static string? Read(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, Name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
