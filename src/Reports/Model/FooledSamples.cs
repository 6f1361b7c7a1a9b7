using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Reads the fooled samples the figures show: the rows of rank below <see cref="Ranks"/> of misclassified.parquet for
/// the representative runs only (row groups whose run_key range holds none are skipped; at 100,000 runs the file has a
/// hundred million rows), then their images from samples.parquet by (dataset_hash, sample_index).
/// </summary>
internal static class FooledSamples
{
    /// <summary>The closest misclassified samples read per radius (ranks 0..Ranks-1), when the run kept that many.</summary>
    public const int Ranks = 5;

    public static async Task<ILookup<string, FooledSample>> ReadAsync(string directory, IReadOnlySet<string> runKeys, CancellationToken cancellationToken)
    {
        var rows = new List<(string RunKey, string Hash, int EpsIndex, int Rank, int SampleIndex, int Label, float Logit)>();
        string[] sorted = [.. runKeys.Order(StringComparer.Ordinal)];
        await using (ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Misclassified, cancellationToken))
        {
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
                if (group.RowCount == 0 || !file.MayHold(group, "run_key", sorted))
                {
                    continue;
                }
                string[] keys = await file.StringsAsync(group, "run_key", cancellationToken);
                int[] ranks = await file.ValuesAsync<int>(group, "rank", cancellationToken);
                int[] kept = [.. Enumerable.Range(0, keys.Length).Where(i => ranks[i] < Ranks && runKeys.Contains(keys[i]))];
                if (kept.Length == 0)
                {
                    continue;
                }
                string[] hashes = await file.StringsAsync(group, "dataset_hash", cancellationToken);
                int[] epsIndexes = await file.ValuesAsync<int>(group, "eps_index", cancellationToken);
                int[] sampleIndexes = await file.ValuesAsync<int>(group, "sample_index", cancellationToken);
                int[] labels = await file.ValuesAsync<int>(group, "label", cancellationToken);
                float[] logits = await file.ValuesAsync<float>(group, "logit", cancellationToken);
                rows.AddRange(kept.Select(i => (keys[i], hashes[i], epsIndexes[i], ranks[i], sampleIndexes[i], labels[i], logits[i])));
            }
        }
        Dictionary<(string, int), (byte[] Image, int Rows, int Columns)> images =
            await ReadImagesAsync(directory, [.. rows.Select(r => (r.Hash, r.SampleIndex))], cancellationToken);
        var fooled = new List<FooledSample>(rows.Count);
        foreach (var r in rows)
        {
            if (!images.TryGetValue((r.Hash, r.SampleIndex), out var image))
            {
                throw new InvalidDataException($"the samples table has no image for sample {r.SampleIndex} of dataset {r.Hash}, which the misclassified table names.");
            }
            fooled.Add(new FooledSample(r.RunKey, r.EpsIndex, r.Rank, r.SampleIndex, r.Label, r.Logit, image.Image, image.Rows, image.Columns));
        }
        return fooled.ToLookup(f => f.RunKey, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<(string, int), (byte[], int, int)>> ReadImagesAsync(string directory, HashSet<(string, int)> wanted, CancellationToken cancellationToken)
    {
        var images = new Dictionary<(string, int), (byte[], int, int)>();
        if (wanted.Count == 0)
        {
            return images;
        }
        string[] hashes = [.. wanted.Select(w => w.Item1).Distinct().Order(StringComparer.Ordinal)];
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Samples, cancellationToken);
        for (int g = 0; g < file.RowGroupCount && images.Count < wanted.Count; g++)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            if (group.RowCount == 0 || !file.MayHold(group, "dataset_hash", hashes))
            {
                continue;
            }
            string[] groupHashes = await file.StringsAsync(group, "dataset_hash", cancellationToken);
            int[] sampleIndexes = await file.ValuesAsync<int>(group, "sample_index", cancellationToken);
            int[] kept = [.. Enumerable.Range(0, groupHashes.Length).Where(i => wanted.Contains((groupHashes[i], sampleIndexes[i])))];
            if (kept.Length == 0)
            {
                continue;
            }
            byte[][] pixels = await file.BinariesAsync(group, "image", cancellationToken);
            int[] rows = await file.ValuesAsync<int>(group, "image_rows", cancellationToken);
            int[] columns = await file.ValuesAsync<int>(group, "image_columns", cancellationToken);
            foreach (int i in kept)
            {
                images[(groupHashes[i], sampleIndexes[i])] = (pixels[i], rows[i], columns[i]);
            }
        }
        return images;
    }
}
