using Parquet;
using Parquet.Schema;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// Writes misclassified.parquet column by column, a run at a time: it has a row per run, radius and rank (hundreds
/// of thousands in a large sweep), each with an image, so it skips the per-row objects of the serializer, shares one
/// buffer per test image, and fills row groups of a fixed size as runs arrive, so the file's bytes depend only on
/// the runs and their order, not on when they came. The schema is the one <see cref="MisclassifiedRow"/> gets from
/// ParquetSerializer, so both read it back.
/// </summary>
internal sealed class MisclassifiedColumnsWriter : IAsyncDisposable
{
    public const int RowGroupRows = 10_000;

    private static readonly DataField<string> _sweepId = new("sweep_id");
    private static readonly DataField<string> _runKey = new("run_key");
    private static readonly DataField<string> _mode = new("mode");
    private static readonly DataField<string> _norm = new("norm");
    private static readonly DataField<double?> _trainEps = new("train_eps");
    private static readonly DataField<long> _seed = new("seed");
    private static readonly DataField<int> _epsIndex = new("eps_index");
    private static readonly DataField<double> _attackEps = new("attack_eps");
    private static readonly DataField<int> _rank = new("rank");
    private static readonly DataField<int> _testIndex = new("test_index");
    private static readonly DataField<int> _label = new("label");
    private static readonly DataField<float> _logit = new("logit");
    private static readonly DataField<byte[]> _image = new("image");
    private static readonly DataField<int> _imageRows = new("image_rows");
    private static readonly DataField<int> _imageColumns = new("image_columns");

    private static readonly ParquetSchema _schema = new(
        _sweepId, _runKey, _mode, _norm, _trainEps, _seed, _epsIndex, _attackEps, _rank, _testIndex, _label, _logit, _image, _imageRows, _imageColumns);

    private readonly ParquetWriter _writer;
    private readonly string _sweep;
    private readonly Func<RunRecord, int, TestSample> _sample;
    private readonly CancellationToken _cancellationToken;
    // Small row groups (about 8 MB of images each): a reader that wants a few runs' rows decodes only their groups.
    private readonly Columns _group = new(RowGroupRows);
    // One buffer per test image of a task (dataset and class pair), shared by every row that shows it.
    private readonly Dictionary<(string Hash, int Negative, int Positive), Dictionary<int, TestSample>> _images = [];
    private bool _empty = true;
    private bool _disposed;

    private MisclassifiedColumnsWriter(ParquetWriter writer, string sweepId, Func<RunRecord, int, TestSample> sample, CancellationToken cancellationToken) =>
        (_writer, _sweep, _sample, _cancellationToken) = (writer, sweepId, sample, cancellationToken);

    public static async Task<MisclassifiedColumnsWriter> CreateAsync(Stream stream, string sweepId, Func<RunRecord, int, TestSample> sample,
        ParquetOptions options, CancellationToken cancellationToken)
    {
        ParquetWriter writer = await ParquetWriter.CreateAsync(_schema, stream, options, append: false, cancellationToken);
        return new MisclassifiedColumnsWriter(writer, sweepId, sample, cancellationToken);
    }

    /// <summary>Adds a run's rows (by eps index, then rank), writing each row group as it fills.</summary>
    public async Task AppendAsync(RunRecord run)
    {
        if (run.Misclassified.Length == 0)
        {
            return;
        }
        string mode = run.Spec.Mode.ToString().ToLowerInvariant();
        string norm = run.Spec.Norm.ToString().ToLowerInvariant();
        double? trainEps = run.Spec.Mode == TrainingMode.Regular ? null : run.Spec.Eps;
        Dictionary<int, TestSample> images = ImagesOf(run.Spec);
        foreach (MisclassifiedRecord m in run.Misclassified.OrderBy(m => m.EpsIndex).ThenBy(m => m.Rank))
        {
            if (!images.TryGetValue(m.TestIndex, out TestSample? image))
            {
                image = _sample(run, m.TestIndex);
                image = image with { Pixels = WholeArray(image.Pixels) };
                images[m.TestIndex] = image;
            }
            _group.Add(_sweep, run.RunKey, mode, norm, trainEps, run.Spec.Seed, m, run.CurveEps[m.EpsIndex], image);
            if (_group.Count == _group.Capacity)
            {
                await FlushAsync();
            }
        }
    }

    /// <summary>Writes the last row group (an empty one when no run had rows, so the file still has its schema) and the footer.</summary>
    public async Task CompleteAsync()
    {
        if (_group.Count > 0 || _empty)
        {
            await FlushAsync();
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _writer.DisposeAsync();
        }
    }

    private async Task FlushAsync()
    {
        await _group.FlushAsync(_writer, _cancellationToken);
        _empty = false;
    }

    private Dictionary<int, TestSample> ImagesOf(RunSpec spec)
    {
        var task = (spec.DatasetHash, spec.NegativeClass, spec.PositiveClass);
        if (!_images.TryGetValue(task, out Dictionary<int, TestSample>? images))
        {
            images = [];
            _images[task] = images;
        }
        return images;
    }

    /// <summary>The buffer itself when the memory spans a whole array, else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> pixels) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pixels, out ArraySegment<byte> whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : pixels.ToArray();

    /// <summary>One row group's columns, reused across groups.</summary>
    private sealed class Columns(int capacity)
    {
        private readonly string[] _sweepIds = new string[capacity], _runKeys = new string[capacity], _modes = new string[capacity], _norms = new string[capacity];
        private readonly double?[] _trainEpss = new double?[capacity];
        private readonly long[] _seeds = new long[capacity];
        private readonly int[] _epsIndexes = new int[capacity], _ranks = new int[capacity], _testIndexes = new int[capacity], _labels = new int[capacity];
        private readonly int[] _rows = new int[capacity], _columns = new int[capacity];
        private readonly double[] _attackEpss = new double[capacity];
        private readonly float[] _logits = new float[capacity];
        private readonly byte[][] _images = new byte[capacity][];

        public int Capacity => capacity;

        public int Count { get; private set; }

        public void Add(string sweepId, string runKey, string mode, string norm, double? trainEps, long seed, MisclassifiedRecord m, double attackEps, TestSample image)
        {
            int i = Count++;
            (_sweepIds[i], _runKeys[i], _modes[i], _norms[i], _trainEpss[i], _seeds[i]) = (sweepId, runKey, mode, norm, trainEps, seed);
            (_epsIndexes[i], _attackEpss[i], _ranks[i], _testIndexes[i], _labels[i], _logits[i]) = (m.EpsIndex, attackEps, m.Rank, m.TestIndex, image.Label, m.Logit);
            (_images[i], _rows[i], _columns[i]) = (WholeArray(image.Pixels), image.Rows, image.Columns);
        }

        public async Task FlushAsync(ParquetWriter writer, CancellationToken cancellationToken)
        {
            int n = Count;
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(_sweepId, _sweepIds[..n]);
            await group.WriteAsync(_runKey, _runKeys[..n]);
            await group.WriteAsync(_mode, _modes[..n]);
            await group.WriteAsync(_norm, _norms[..n]);
            await group.WriteAsync(_trainEps, new ReadOnlyMemory<double?>(_trainEpss, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_seed, new ReadOnlyMemory<long>(_seeds, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_epsIndex, new ReadOnlyMemory<int>(_epsIndexes, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_attackEps, new ReadOnlyMemory<double>(_attackEpss, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_rank, new ReadOnlyMemory<int>(_ranks, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_testIndex, new ReadOnlyMemory<int>(_testIndexes, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_label, new ReadOnlyMemory<int>(_labels, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_logit, new ReadOnlyMemory<float>(_logits, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_image, _images[..n]);
            await group.WriteAsync(_imageRows, new ReadOnlyMemory<int>(_rows, 0, n), null, null, cancellationToken);
            await group.WriteAsync(_imageColumns, new ReadOnlyMemory<int>(_columns, 0, n), null, null, cancellationToken);
            group.CompleteValidate();
            Count = 0;
        }
    }
}
