using System.Text;

namespace RobustGrid.Results;

/// <summary>
/// The one way RobustGrid writes a file a user or another process may read: under a hidden temporary name beside its
/// final one (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>, see <see cref="TemporaryPath"/>), renamed into place by
/// <see cref="CommitAsync"/>, so a reader never sees half a file; disposed without committing, it leaves nothing.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable, IDisposable
{
    private readonly string _final;
    private readonly string _temporary;

    private AtomicFile(string path, int bufferSize)
    {
        _final = path;
        _temporary = TemporaryPath(path);
        Stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, useAsync: true);
    }

    /// <summary>Where the file's bytes go until it is committed.</summary>
    public FileStream Stream { get; }

    /// <param name="bufferSize">The stream's buffer: 64 KiB for a file written piece by piece; 0 for one written in a few
    /// large writes, which then go straight to the file without a buffer allocated for each file.</param>
    public static AtomicFile Create(string directory, string name, int bufferSize = 1 << 16) => new(Path.Combine(directory, name), bufferSize);

    /// <summary>Writes a whole file with <paramref name="write"/> and commits it.</summary>
    public static async Task WriteAsync(string directory, string name, Func<Stream, Task> write)
    {
        await using AtomicFile file = Create(directory, name);
        await write(file.Stream);
        await file.CommitAsync();
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) as the file <paramref name="path"/>, creating its directory.</summary>
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var file = new AtomicFile(full, 0);
        file.Stream.Write(Encoding.UTF8.GetBytes(text));
        file.Commit();
    }

    /// <summary>
    /// The hidden temporary name beside <paramref name="path"/> that a file (or a directory built in full before it is
    /// moved into place) has while it is written: <c>.&lt;name&gt;.&lt;8 hex digits&gt;.tmp</c>.
    /// </summary>
    public static string TemporaryPath(string path)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(path);
        return Path.Combine(Path.GetDirectoryName(trimmed)!, "." + Path.GetFileName(trimmed) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
    }

    /// <summary>Closes the file and renames it into place, replacing an older one.</summary>
    public async Task CommitAsync()
    {
        await Stream.DisposeAsync();
        File.Move(_temporary, _final, overwrite: true);
    }

    /// <summary>Closes the file and renames it into place, replacing an older one.</summary>
    public void Commit()
    {
        Stream.Dispose();
        File.Move(_temporary, _final, overwrite: true);
    }

    /// <summary>Closes the file; an uncommitted one is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        TryDelete(_temporary);
    }

    /// <summary>Closes the file; an uncommitted one is deleted.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        TryDelete(_temporary);
    }

    /// <summary>
    /// Deletes temporary files of <paramref name="name"/> ("*" for any name) that other writers left (a process that
    /// died while writing, or a write that lost a race); with <paramref name="olderThan"/>, only those last written
    /// before then (UTC).
    /// </summary>
    public static void RemoveStale(string directory, string name, DateTime? olderThan = null)
    {
        foreach (string stale in Directory.EnumerateFiles(directory, "." + name + ".*.tmp"))
        {
            if (olderThan is null || File.GetLastWriteTimeUtc(stale) < olderThan)
            {
                TryDelete(stale);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next writer of the same name; readers never look at temporary files.
        }
    }
}
