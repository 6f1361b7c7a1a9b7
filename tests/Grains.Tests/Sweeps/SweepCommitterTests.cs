using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Sweeps;
using RobustGrid.Hosting.Storage;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Tests.Sweeps;

/// <summary>
/// Two activations of one sweep (Orleans may briefly run two after a silo dies), forced: each with its own copy of the
/// state read from the same real file storage, its own committer and its own stream over the same directory. The
/// storage's etag lets exactly one record a commit; the other is fenced and records nothing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SweepCommitterTests : IDisposable
{
    private static readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly Dataset _dataset = DatasetLoader.LoadEmbedded();
    private static readonly IReadOnlyList<RunSpec> _runs = SweepPlanner.Create(
        new SweepSpec { Eps = [0.1], Seeds = [.. Enumerable.Range(1, 300).Select(i => (long)i)] }, _ => _dataset, 10_000).Runs; // 600 runs: two parts
    private static readonly TaskCache _tasks = new();

    private readonly TempDirectory _root = new("fence");
    private readonly RecordingLogger _log = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Of_two_activations_committing_the_same_sweep_only_one_records_its_commits_and_the_other_is_fenced()
    {
        string directory = Path.Combine(_root.Path, "sweep");
        var storage = new FileGrainStorage("sweeps", new FileGrainStorageOptions
        {
            RootDirectory = Path.Combine(_root.Path, ".state"),
            GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
        }, _services.GetRequiredService<IActivatorProvider>());
        GrainId id = GrainId.Create("sweep", "twice");
        await storage.WriteStateAsync("sweep", id, new GrainState<SweepState>(new SweepState { Total = _runs.Count, Phase = SweepPhase.Running }));

        // Both activations read the same state (the same etag) before either commits.
        Activation first = await Activation.ReadAsync(storage, id, directory, _log);
        Activation second = await Activation.ReadAsync(storage, id, directory, _log);

        await first.RunAsync();
        Assert.False(first.Writer.Fenced);
        var fenced = await Assert.ThrowsAsync<SweepFencedException>(second.RunAsync);
        Assert.True(second.Writer.Fenced);
        Assert.Contains("another activation", fenced.Message);

        var stored = new GrainState<SweepState>();
        await storage.ReadStateAsync("sweep", id, stored);
        Assert.Equal(_runs.Count, stored.State!.Committed); // the first one's commits, both parts
        Assert.Equal(first.Commits, [SweepTables.RunsPerPart, _runs.Count]);
        Assert.Equal(second.Commits, [SweepTables.RunsPerPart]); // tried once, refused, never again
        Assert.Equal(_runs.Count, SweepManifest.Read(directory)!.CommittedRuns);

        // Whatever the fenced one renamed into place is the same bytes: one row per run, the files of the batch writer.
        string batch = Path.Combine(_root.Path, "batch");
        await SweepResultsWriter.WriteAsync(batch, "twice", [.. _runs.Select(FakeRecords.Of)], Sample);
        foreach (string table in SweepTables.All)
        {
            IReadOnlyList<string> expected = SweepTables.Files(batch, table), actual = SweepTables.Files(directory, table);
            Assert.Equal(expected.Select(Path.GetFileName), actual.Select(Path.GetFileName));
            Assert.All(expected.Zip(actual), pair => Assert.True(File.ReadAllBytes(pair.First).AsSpan().SequenceEqual(File.ReadAllBytes(pair.Second)), $"{pair.Second} differs"));
        }
        Assert.Equal(_runs.Count, DuckDb.Scalar($"SELECT count(DISTINCT run_key) FROM {DuckDb.Table(directory, SweepTables.Runs)}"));
        Assert.Equal(_runs.Count, DuckDb.Scalar($"SELECT count(*) FROM {DuckDb.Table(directory, SweepTables.Runs)}"));
    }

    /// <summary>One activation's part of the protocol: its state copy and writer over the shared storage, a committer and a stream.</summary>
    private sealed class Activation
    {
        private readonly string _directory;
        private readonly SweepCommitter _committer;

        private Activation(GrainState<SweepState> state, Func<Task> write, string directory, RecordingLogger log)
        {
            _directory = directory;
            Writer = new SweepStateWriter(write, () => state.State!.Committed = _committer!.Committed, log, "twice", TimeSpan.Zero,
                isFenced: e => e is InconsistentStateException);
            _committer = new SweepCommitter(Writer, directory, "twice", _runs.Count, 0, log);
        }

        public SweepStateWriter Writer { get; }

        public List<int> Commits { get; } = [];

        public static async Task<Activation> ReadAsync(FileGrainStorage storage, GrainId id, string directory, RecordingLogger log)
        {
            var state = new GrainState<SweepState>();
            await storage.ReadStateAsync("sweep", id, state);
            return new Activation(state, () => storage.WriteStateAsync("sweep", id, state), directory, log);
        }

        /// <summary>Every run ends; the stream writes and commits until done or fenced.</summary>
        public async Task RunAsync()
        {
            await using var stream = new SweepResultsStream(_directory, "twice", _runs, 0, async (parts, abandon) =>
            {
                Commits.Add(SweepTables.PartRange(parts - 1, _runs.Count).End);
                await _committer.CommitAsync(parts, abandon);
            }, run => Task.FromResult<RunRecord?>(FakeRecords.Of(run)), Sample);
            foreach (RunSpec run in _runs)
            {
                stream.Completed(run, 1);
            }
            await stream.CompleteAsync();
        }
    }


    private static TestSample Sample(RunSpec run, int testIndex) => _tasks.TestSample(run.Dataset, run.NegativeClass, run.PositiveClass, testIndex);
}
