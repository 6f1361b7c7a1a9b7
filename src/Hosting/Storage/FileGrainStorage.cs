using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using RobustGrid.Results;

namespace RobustGrid.Hosting.Storage;

/// <summary>
/// Grain storage that keeps each grain's state in one file under a root directory (see <see cref="StateFileName"/>
/// for the layout), so a process holds only the states of its active grains and a killed process loses nothing
/// that was written.
/// </summary>
/// <remarks>
/// <para>A file is a 4-byte magic, the 16-byte etag and the state as <see cref="FileGrainStorageOptions.GrainStorageSerializer"/>
/// writes it. A write goes to a hidden temporary file beside the state's file and is renamed over it, so a reader
/// sees the old state or the new one, never half of one. There is no fsync: this protects against the death of
/// the process, not of the machine (after a power loss a state written just before may be lost or empty).</para>
/// <para>Optimistic concurrency as in Orleans' other providers: each write stores a new random etag, and a write or
/// clear whose <see cref="IGrainState{T}.ETag"/> is not the stored one throws <see cref="InconsistentStateException"/>.
/// The check and the rename are not one atomic step, so two processes writing the same grain at the same instant
/// are not caught; Orleans keeps one activation per grain, and the check catches an activation that read a state
/// another one has since replaced.</para>
/// <para>Different grains use different files and nothing else is shared, so calls for different grains run
/// concurrently; Orleans calls for one grain one at a time. Temporary files left by a killed process are never read;
/// a storage deletes those of a directory (the ones older than itself, so never a live writer's) before its first write
/// there, and creates the directory then: a write costs no directory listing, and a silo that stores nothing leaves
/// nothing behind.</para>
/// </remarks>
public sealed class FileGrainStorage : IGrainStorage
{
    private const int HeaderLength = 4 + 16;
    private static readonly byte[] Magic = "RGS1"u8.ToArray();

    private readonly string _name;
    private readonly string _root;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    // A second early: a file's time comes from a coarse clock that may lag this one a little.
    private readonly DateTime _created = DateTime.UtcNow.AddSeconds(-1);
    private readonly ConcurrentDictionary<string, bool> _preparedDirectories = new(StringComparer.Ordinal);

    public FileGrainStorage(string name, FileGrainStorageOptions options, IActivatorProvider activators)
    {
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new ArgumentException($"File grain storage '{name}' needs a root directory.", nameof(options));
        }
        _name = name;
        _root = Path.GetFullPath(options.RootDirectory);
        _serializer = options.GrainStorageSerializer ?? throw new ArgumentException($"File grain storage '{name}' has no serializer.", nameof(options));
        _activators = activators;
    }

    /// <summary>The storage named <paramref name="name"/> with its named <see cref="FileGrainStorageOptions"/>.</summary>
    public static FileGrainStorage Create(IServiceProvider services, string name) =>
        new(name, services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name), services.GetRequiredService<IActivatorProvider>());

    /// <summary>The file that holds a grain's state (whether or not it exists yet).</summary>
    public string PathOf(string stateName, GrainId grainId) => Path.Combine(_root, StateFileName.RelativePath(stateName, grainId.ToString()));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            Reset(grainState); // a new grain: no exception thrown and caught for each
            return;
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Reset(grainState);
            return;
        }
        string etag = ETagOf(bytes, path);
        grainState.State = _serializer.Deserialize<T>(new BinaryData(bytes.AsMemory(HeaderLength))) ?? _activators.GetActivator<T>().Create();
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string path = PathOf(stateName, grainId);
        CheckETag(await StoredETagAsync(path), grainState.ETag, grainId, "write");
        var etag = Guid.NewGuid();
        BinaryData payload = _serializer.Serialize(grainState.State);

        await using (AtomicFile state = CreateTemporary(Path.GetDirectoryName(path)!, Path.GetFileName(path)))
        {
            byte[] header = new byte[HeaderLength];
            Magic.CopyTo(header, 0);
            etag.TryWriteBytes(header.AsSpan(Magic.Length));
            await state.Stream.WriteAsync(header);
            await state.Stream.WriteAsync(payload.ToMemory());
            await state.CommitAsync();
        }
        grainState.ETag = etag.ToString("N");
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string path = PathOf(stateName, grainId);
        if (await StoredETagAsync(path) is { } stored)
        {
            CheckETag(stored, grainState.ETag, grainId, "clear");
            File.Delete(path);
        }
        Reset(grainState);
    }

    /// <summary>The etag of the stored state, or null when there is none; reads only the header.</summary>
    private static async Task<string?> StoredETagAsync(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        byte[] header = new byte[HeaderLength];
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true);
            int read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false);
            return ETagOf(header.AsSpan(0, read), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates <paramref name="directory"/> and deletes the temporary files there that writers dead before this storage
    /// began left, before this storage's first write there; later writes there skip both. Concurrent first writes may
    /// both do it: it never deletes a file written since this storage began, so never a live write's.
    /// </summary>
    private void Prepare(string directory, bool again = false)
    {
        if (again || !_preparedDirectories.ContainsKey(directory))
        {
            Directory.CreateDirectory(directory);
            AtomicFile.RemoveStale(directory, "*", olderThan: _created);
            _preparedDirectories[directory] = true;
        }
    }

    /// <summary>The temporary file of a write, in its prepared directory (prepared again if it was removed since).</summary>
    private AtomicFile CreateTemporary(string directory, string file)
    {
        Prepare(directory);
        try
        {
            return AtomicFile.Create(directory, file, bufferSize: 0);
        }
        catch (DirectoryNotFoundException)
        {
            Prepare(directory, again: true);
            return AtomicFile.Create(directory, file, bufferSize: 0);
        }
    }

    private static string ETagOf(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < HeaderLength || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a grain state file (its header is missing or wrong).");
        }
        return new Guid(bytes.Slice(Magic.Length, 16)).ToString("N");
    }

    private void CheckETag(string? stored, string? expected, GrainId grainId, string operation)
    {
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"File grain storage '{_name}' refused to {operation} the state of {grainId}: it was changed since this activation read it.", stored, expected);
        }
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
