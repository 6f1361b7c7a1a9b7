namespace RobustGrid.Results;

/// <summary>
/// A file written under a temporary name beside its final one and renamed into place by <see cref="CommitAsync"/>,
/// so a reader never sees half a file; disposed without committing, it leaves nothing. Temporary names are hidden:
/// <c>.&lt;name&gt;.&lt;random&gt;.tmp</c>.
/// </summary>
internal sealed class AtomicFile : IAsyncDisposable
{
    private readonly string _final;
    private readonly string _temporary;

    private AtomicFile(string directory, string name)
    {
        _final = Path.Combine(directory, name);
        _temporary = Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        Stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
    }

    /// <summary>Where the file's bytes go until it is committed.</summary>
    public FileStream Stream { get; }

    public static AtomicFile Create(string directory, string name) => new(directory, name);

    /// <summary>Writes a whole file with <paramref name="write"/> and commits it.</summary>
    public static async Task WriteAsync(string directory, string name, Func<Stream, Task> write)
    {
        await using AtomicFile file = Create(directory, name);
        await write(file.Stream);
        await file.CommitAsync();
    }

    /// <summary>Closes the file and renames it into place, replacing an older one.</summary>
    public async Task CommitAsync()
    {
        await Stream.DisposeAsync();
        File.Move(_temporary, _final, overwrite: true);
    }

    /// <summary>Closes the file; an uncommitted one is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        File.Delete(_temporary);
    }

    /// <summary>Deletes temporary files of <paramref name="name"/> left behind by a process that died while writing it.</summary>
    public static void RemoveStale(string directory, string name)
    {
        foreach (string stale in Directory.EnumerateFiles(directory, "." + name + ".*.tmp"))
        {
            File.Delete(stale);
        }
    }
}
