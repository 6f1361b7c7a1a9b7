using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Hosting.Storage;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Sweeps;

namespace RobustGrid.Grains.Tests.Hosting.Storage;

[Trait("Category", "Unit")]
public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly IReadOnlyList<RunSpec> _runs =
        SweepPlanner.Create(new SweepSpec { Seeds = [1, 2] }, _ => DatasetLoader.LoadEmbedded(), 100).Runs;

    private readonly TempDirectory _dir = new("state");

    public void Dispose() => _dir.Dispose();

    /// <summary>The storage's root: not there until the storage writes (one test checks that reading does not create it).</summary>
    private string Root => Path.Combine(_dir.Path, "root");

    [Fact]
    public async Task A_state_written_reads_back_equal_in_a_new_storage_over_the_same_directory()
    {
        GrainId id = GrainId.Create("sweep", "study-1");
        var written = new GrainState<SweepState>(Sweep("first"));
        await Storage().WriteStateAsync("sweep", id, written);

        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);

        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(Json(written.State!), Json(read.State!));
        Assert.Equal((_runs.Count, 7), (read.State!.Total, read.State.Committed));
        Assert.True(File.Exists(Storage().PathOf("sweep", id)));
    }

    [Fact]
    public async Task A_grain_never_written_reads_as_a_fresh_state_without_a_record()
    {
        var read = new GrainState<SweepState>(Sweep("not stored"));
        await Storage().ReadStateAsync("sweep", GrainId.Create("sweep", "never"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State!.Spec);
        Assert.False(Directory.Exists(Root), "reading must not create directories");
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_and_leaves_the_newer_state()
    {
        GrainId id = GrainId.Create("sweep", "contended");
        var first = new GrainState<SweepState>(Sweep("first"));
        await Storage().WriteStateAsync("sweep", id, first);
        var second = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, second);
        second.State!.Error = "second";
        await Storage().WriteStateAsync("sweep", id, second);
        Assert.NotEqual(first.ETag, second.ETag);

        first.State!.Error = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("sweep", id, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().ClearStateAsync("sweep", id, first));

        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);
        Assert.Equal("second", read.State!.Error);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_that_expects_a_record_where_there_is_none_throws()
    {
        var state = new GrainState<SweepState>(Sweep("x"), "0123456789abcdef0123456789abcdef");
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("sweep", GrainId.Create("sweep", "gone"), state));
    }

    [Fact]
    public async Task Clear_deletes_the_file_and_resets_the_state()
    {
        GrainId id = GrainId.Create("sweep", "cleared");
        var state = new GrainState<SweepState>(Sweep("x"));
        await Storage().WriteStateAsync("sweep", id, state);
        string path = Storage().PathOf("sweep", id);
        Assert.True(File.Exists(path));

        await Storage().ClearStateAsync("sweep", id, state);

        Assert.False(File.Exists(path));
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Null(state.State!.Spec);
        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_dead_process_is_ignored_then_removed_by_the_next_write()
    {
        GrainId id = GrainId.Create("sweep", "survivor");
        await Storage().WriteStateAsync("sweep", id, new GrainState<SweepState>(Sweep("before the crash")));
        string path = Storage().PathOf("sweep", id);
        // What a process killed half-way through its next write leaves: a hidden, truncated temporary file.
        string leftover = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(leftover, File.ReadAllBytes(path)[..30]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-1));

        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);
        Assert.Equal("before the crash", read.State!.Error);

        read.State!.Error = "after the restart";
        await Storage().WriteStateAsync("sweep", id, read);

        Assert.False(File.Exists(leftover), "the next process's first write in the directory removes the stale temporary file");
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
        var again = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, again);
        Assert.Equal("after the restart", again.State!.Error);
    }

    [Fact]
    public async Task A_temporary_file_written_since_the_storage_began_is_left_to_its_writer()
    {
        FileGrainStorage storage = Storage();
        GrainId id = GrainId.Create("sweep", "busy");
        string path = storage.PathOf("sweep", id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Another writer's file, written while this storage runs (its write not yet renamed into place).
        string live = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(live, [1, 2, 3]);
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddMinutes(1));

        await storage.WriteStateAsync("sweep", id, new GrainState<SweepState>(Sweep("first write in the directory")));
        Assert.True(File.Exists(live), "a storage deletes only the temporary files older than itself");

        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddMinutes(-1)); // its writer died long ago
        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);
        await storage.WriteStateAsync("sweep", id, read);
        Assert.True(File.Exists(live), "a storage looks for stale files once per directory, before its first write there");
        await Storage().WriteStateAsync("sweep", id, read);
        Assert.False(File.Exists(live));
    }

    [Fact]
    public async Task A_directory_removed_while_the_storage_runs_is_made_again()
    {
        FileGrainStorage storage = Storage();
        GrainId id = GrainId.Create("sweep", "moved-out");
        await storage.WriteStateAsync("sweep", id, new GrainState<SweepState>(Sweep("first")));
        Directory.Delete(Root, recursive: true);

        await storage.WriteStateAsync("sweep", id, new GrainState<SweepState>(Sweep("again")));

        var read = new GrainState<SweepState>();
        await Storage().ReadStateAsync("sweep", id, read);
        Assert.Equal("again", read.State!.Error);
    }

    [Fact]
    public async Task Odd_grain_keys_round_trip_to_distinct_short_file_names()
    {
        string longKey = new('k', 1000);
        string[] keys =
        [
            "rk1-0123abcd", "a/b", "a%2fb", "a:b", "A:B", "abc", "ABC", "Abc", ".hidden", "..", "trailing ", "with space", "tab\there",
            "naïve/ключ/鍵/🙂", longKey, longKey + "x", longKey[..500] + "/" + longKey[..499], new string('%', 300), new string('é', 200),
        ];
        for (int i = 0; i < keys.Length; i++)
        {
            await Storage().WriteStateAsync("sweep", GrainId.Create("sweep", keys[i]), new GrainState<SweepState>(new SweepState { Error = keys[i], Failed = i }));
        }

        var fresh = Storage();
        var paths = new HashSet<string>();
        for (int i = 0; i < keys.Length; i++)
        {
            GrainId id = GrainId.Create("sweep", keys[i]);
            var read = new GrainState<SweepState>();
            await fresh.ReadStateAsync("sweep", id, read);
            Assert.True(read.RecordExists, $"key #{i} was not found");
            Assert.Equal((keys[i], i), (read.State!.Error, read.State!.Failed));

            string path = fresh.PathOf("sweep", id);
            string name = Path.GetFileName(path);
            Assert.True(paths.Add(path.ToLowerInvariant()), $"key #{i} shares its file (ignoring case) with another key");
            Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, 255 - 50);
            Assert.Matches("^[a-z0-9_%~-]+\\.bin$", name);
        }
        Assert.Equal(keys.Length, Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Different_state_names_of_one_grain_are_kept_apart()
    {
        GrainId id = GrainId.Create("sweep", "two-states");
        await Storage().WriteStateAsync("a", id, new GrainState<SweepState>(new SweepState { Error = "a" }));
        await Storage().WriteStateAsync("b", id, new GrainState<SweepState>(new SweepState { Error = "b" }));

        var a = new GrainState<SweepState>();
        await Storage().ReadStateAsync("a", id, a);
        Assert.Equal("a", a.State!.Error);
    }

    [Fact]
    public async Task Many_grains_written_at_once_all_read_back()
    {
        FileGrainStorage storage = Storage();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            storage.WriteStateAsync("sweep", GrainId.Create("sweep", $"parallel-{i}"), new GrainState<SweepState>(new SweepState { Failed = i })))));

        for (int i = 0; i < 200; i++)
        {
            var read = new GrainState<SweepState>();
            await Storage().ReadStateAsync("sweep", GrainId.Create("sweep", $"parallel-{i}"), read);
            Assert.Equal(i, read.State!.Failed);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_state_file_is_an_error_not_an_empty_state()
    {
        GrainId id = GrainId.Create("sweep", "corrupt");
        string path = Storage().PathOf("sweep", id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not a state");

        await Assert.ThrowsAsync<InvalidDataException>(() => Storage().ReadStateAsync("sweep", id, new GrainState<SweepState>()));
        await Assert.ThrowsAsync<InvalidDataException>(() => Storage().WriteStateAsync("sweep", id, new GrainState<SweepState>(new SweepState())));
    }

    [Fact]
    public async Task A_root_below_a_file_reads_as_no_state()
    {
        // The CLI's results root may be a file the user named by mistake; the sweep then refuses it, which needs a read first.
        string file = Path.Combine(Directory.CreateDirectory(Root).FullName, "a-file");
        File.WriteAllText(file, "");
        var storage = new FileGrainStorage("sweeps", Options(Path.Combine(file, ".state")), _services.GetRequiredService<IActivatorProvider>());

        var read = new GrainState<SweepState>();
        await storage.ReadStateAsync("sweep", GrainId.Create("sweep", "x"), read);
        Assert.False(read.RecordExists);
    }

    private FileGrainStorage Storage() => new("sweeps", Options(Root), _services.GetRequiredService<IActivatorProvider>());

    private static FileGrainStorageOptions Options(string root) => new()
    {
        RootDirectory = root,
        GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
    };

    private static SweepState Sweep(string error) => new()
    {
        Spec = new SweepSpec { Seeds = [1, 2] },
        Total = _runs.Count,
        Committed = 7,
        PlanFingerprint = "f00d",
        Phase = SweepPhase.Running,
        StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Error = error,
        Finished = new() { [_runs[0].Key] = new RunOutcome(RunStatus.Completed, 1, null), [_runs[1].Key] = new RunOutcome(RunStatus.Failed, 3, "boom") },
    };

    private static string Json(SweepState state) => JsonSerializer.Serialize(state);
}
