namespace RobustGrid.Results;

/// <summary>
/// Files written under a temporary name beside their final one and renamed into place, so a reader never sees half
/// a file and a failure leaves nothing. Temporary names are hidden: <c>.&lt;name&gt;.&lt;random&gt;.tmp</c>.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string directory, string name, Func<Stream, Task> write)
    {
        string temporary = TemporaryPath(directory, name);
        try
        {
            await using (FileStream stream = Create(temporary))
            {
                await write(stream);
            }
            File.Move(temporary, Path.Combine(directory, name), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string TemporaryPath(string directory, string name) =>
        Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");

    public static FileStream Create(string temporary) =>
        new(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);

    /// <summary>Deletes temporary files of <paramref name="name"/> left behind by a process that died while writing it.</summary>
    public static void RemoveStale(string directory, string name)
    {
        foreach (string stale in Directory.EnumerateFiles(directory, "." + name + ".*.tmp"))
        {
            File.Delete(stale);
        }
    }
}
