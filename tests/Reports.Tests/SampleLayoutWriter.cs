using Parquet;
using Parquet.Schema;

namespace RobustGrid.Reports.Tests;

/// <summary>One misclassified.parquet row of the sample layout: the fooled sample is named by (dataset_hash, sample_index).</summary>
public readonly record struct MisclassifiedEntry(string RunKey, string Mode, string Norm, double? TrainEps, long Seed, string DatasetHash,
    int EpsIndex, double AttackEps, int Rank, int SampleIndex, int Label, float Logit);

/// <summary>One samples.parquet row: a test sample's class and image, stored once.</summary>
public readonly record struct SampleEntry(string DatasetHash, int SampleIndex, int Class, byte[] Image, int Rows, int Columns);

/// <summary>
/// Writes misclassified.parquet and samples.parquet in the sample layout (docs/RESULTS-SCHEMA.md), and the older
/// layout's misclassified.parquet (an image in every row), with Parquet.Net's column API and fixed-size row groups,
/// for tests and the scale bench while the product's writer of the new layout is being written.
/// </summary>
public sealed class SampleLayoutWriter : IAsyncDisposable
{
    private static readonly DataField<string> _sweepId = new("sweep_id"), _runKey = new("run_key"), _mode = new("mode"), _norm = new("norm");
    private static readonly DataField<double?> _trainEps = new("train_eps");
    private static readonly DataField<long> _seed = new("seed");
    private static readonly DataField<string> _datasetHash = new("dataset_hash");
    private static readonly DataField<int> _epsIndex = new("eps_index"), _rank = new("rank"), _sampleIndex = new("sample_index"), _testIndex = new("test_index");
    private static readonly DataField<double> _attackEps = new("attack_eps");
    private static readonly DataField<int> _label = new("label"), _class = new("class"), _imageRows = new("image_rows"), _imageColumns = new("image_columns");
    private static readonly DataField<float> _logit = new("logit");
    private static readonly DataField<byte[]> _image = new("image");

    private static readonly ParquetSchema _misclassified = new(_sweepId, _runKey, _mode, _norm, _trainEps, _seed, _datasetHash, _epsIndex, _attackEps, _rank, _sampleIndex, _label, _logit);
    private static readonly ParquetSchema _legacy = new(_sweepId, _runKey, _mode, _norm, _trainEps, _seed, _epsIndex, _attackEps, _rank, _testIndex, _label, _logit, _image, _imageRows, _imageColumns);

    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly string _sweep;
    private readonly bool _legacyLayout;
    private readonly int _groupRows;
    private readonly List<MisclassifiedEntry> _rows;
    private readonly List<byte[]> _images;
    private bool _empty = true;

    private SampleLayoutWriter(Stream stream, ParquetWriter writer, string sweepId, bool legacy, int groupRows) =>
        (_stream, _writer, _sweep, _legacyLayout, _groupRows, _rows, _images) = (stream, writer, sweepId, legacy, groupRows, new(groupRows), new(groupRows));

    /// <summary>A misclassified.parquet writer; <paramref name="legacy"/> writes the older layout (test_index and image columns).</summary>
    public static async Task<SampleLayoutWriter> CreateAsync(string path, string sweepId, bool legacy = false, int groupRows = 100_000)
    {
        var stream = File.Create(path);
        ParquetWriter writer = await ParquetWriter.CreateAsync(legacy ? _legacy : _misclassified, stream);
        return new SampleLayoutWriter(stream, writer, sweepId, legacy, groupRows);
    }

    /// <summary>Adds a row (in run_key, eps_index, rank order); the older layout takes the image too and uses the sample index as test_index.</summary>
    public async Task AddAsync(MisclassifiedEntry row, byte[]? image = null)
    {
        _rows.Add(row);
        _images.Add(image ?? []);
        if (_rows.Count == _groupRows)
        {
            await FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_rows.Count > 0 || _empty)
        {
            await FlushAsync();
        }
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>Writes samples.parquet, ordered by (dataset_hash, sample_index).</summary>
    public static async Task WriteSamplesAsync(string path, IEnumerable<SampleEntry> samples, int groupRows = 10_000)
    {
        SampleEntry[] all = [.. samples.OrderBy(s => s.DatasetHash, StringComparer.Ordinal).ThenBy(s => s.SampleIndex)];
        await using var stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(_datasetHash, _sampleIndex, _class, _image, _imageRows, _imageColumns), stream);
        for (int start = 0; start == 0 || start < all.Length; start += groupRows)
        {
            SampleEntry[] part = all[start..Math.Min(all.Length, start + groupRows)];
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(_datasetHash, part.Select(s => s.DatasetHash).ToArray());
            await Write(group, _sampleIndex, part.Select(s => s.SampleIndex).ToArray());
            await Write(group, _class, part.Select(s => s.Class).ToArray());
            await group.WriteAsync(_image, part.Select(s => s.Image).ToArray());
            await Write(group, _imageRows, part.Select(s => s.Rows).ToArray());
            await Write(group, _imageColumns, part.Select(s => s.Columns).ToArray());
        }
    }

    private async Task FlushAsync()
    {
        using ParquetRowGroupWriter group = _writer.CreateRowGroup();
        await group.WriteAsync(_sweepId, _rows.Select(_ => _sweep).ToArray());
        await group.WriteAsync(_runKey, _rows.Select(r => r.RunKey).ToArray());
        await group.WriteAsync(_mode, _rows.Select(r => r.Mode).ToArray());
        await group.WriteAsync(_norm, _rows.Select(r => r.Norm).ToArray());
        await Write(group, _trainEps, _rows.Select(r => r.TrainEps).ToArray());
        await Write(group, _seed, _rows.Select(r => r.Seed).ToArray());
        if (!_legacyLayout)
        {
            await group.WriteAsync(_datasetHash, _rows.Select(r => r.DatasetHash).ToArray());
        }
        await Write(group, _epsIndex, _rows.Select(r => r.EpsIndex).ToArray());
        await Write(group, _attackEps, _rows.Select(r => r.AttackEps).ToArray());
        await Write(group, _rank, _rows.Select(r => r.Rank).ToArray());
        await Write(group, _legacyLayout ? _testIndex : _sampleIndex, _rows.Select(r => r.SampleIndex).ToArray());
        await Write(group, _label, _rows.Select(r => r.Label).ToArray());
        await Write(group, _logit, _rows.Select(r => r.Logit).ToArray());
        if (_legacyLayout)
        {
            await group.WriteAsync(_image, _images.ToArray());
            await Write(group, _imageRows, _images.Select(i => (int)Math.Round(Math.Sqrt(i.Length))).ToArray());
            await Write(group, _imageColumns, _images.Select(i => (int)Math.Round(Math.Sqrt(i.Length))).ToArray());
        }
        _rows.Clear();
        _images.Clear();
        _empty = false;
    }

    private static Task Write<T>(ParquetRowGroupWriter group, DataField field, T[] values) where T : struct =>
        group.WriteAsync(field, new ReadOnlyMemory<T>(values), null, null, default);

    private static Task Write<T>(ParquetRowGroupWriter group, DataField field, T?[] values) where T : struct =>
        group.WriteAsync(field, new ReadOnlyMemory<T?>(values), null, null, default);
}
