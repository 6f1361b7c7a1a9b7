using Parquet;
using Parquet.Schema;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>
/// Writes misclassified.parquet column by column: it has a row per run, radius and rank (hundreds of thousands in
/// a large sweep), each with an image, so it skips the per-row objects of the serializer and shares one buffer per
/// image. The schema is the one <see cref="MisclassifiedRow"/> gets from ParquetSerializer, so both read it back.
/// </summary>
internal static class MisclassifiedColumnsWriter
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

    public static async Task WriteAsync(Stream stream, string sweepId, IReadOnlyList<RunRecord> ordered, Func<RunRecord, int, TestSample> sample,
        ParquetOptions options, CancellationToken cancellationToken)
    {
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(_schema, stream, options, append: false, cancellationToken);
        // Small row groups (about 8 MB of images each): a reader that wants a few runs' rows decodes only their groups.
        var group = new Columns(RowGroupRows);
        foreach (RunRecord run in ordered)
        {
            string mode = run.Spec.Mode.ToString().ToLowerInvariant();
            string norm = run.Spec.Norm.ToString().ToLowerInvariant();
            double? trainEps = run.Spec.Mode == TrainingMode.Regular ? null : run.Spec.Eps;
            foreach (MisclassifiedRecord m in run.Misclassified.OrderBy(m => m.EpsIndex).ThenBy(m => m.Rank))
            {
                TestSample image = sample(run, m.TestIndex);
                group.Add(sweepId, run.RunKey, mode, norm, trainEps, run.Spec.Seed, m, run.CurveEps[m.EpsIndex], image);
                if (group.Count == group.Capacity)
                {
                    await group.FlushAsync(writer, cancellationToken);
                }
            }
        }
        if (group.Count > 0 || ordered.Count == 0)
        {
            await group.FlushAsync(writer, cancellationToken);
        }
    }

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

        /// <summary>The buffer itself when the memory spans a whole array (shared images), else a copy.</summary>
        private static byte[] WholeArray(ReadOnlyMemory<byte> pixels) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pixels, out ArraySegment<byte> whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
                ? whole.Array
                : pixels.ToArray();

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
