using Parquet;
using Parquet.Schema;

namespace RobustGrid.Results;

/// <summary>
/// Reads chosen rows of misclassified.parquet column by column: the file has a row per run, radius and rank, each
/// with an image, so a reader that wants a few rows decides from the run_key and rank columns which row groups
/// to open further, and decodes images only there.
/// </summary>
internal static class MisclassifiedColumnsReader
{
    public static async Task<IReadOnlyList<MisclassifiedRow>> ReadAsync(Stream stream, Func<string, int, bool> keep, CancellationToken cancellationToken)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken);
        Dictionary<string, DataField> fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => fields.TryGetValue(name, out DataField? f)
            ? f
            : throw new InvalidDataException($"{SweepResultsWriter.Misclassified} has no column '{name}'.");
        var rows = new List<MisclassifiedRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            string[] runKeys = await Strings(group, Field("run_key"), n, cancellationToken);
            int[] ranks = await Values<int>(group, Field("rank"), n, cancellationToken);
            int[] kept = [.. Enumerable.Range(0, n).Where(i => keep(runKeys[i], ranks[i]))];
            if (kept.Length == 0)
            {
                continue;
            }
            string[] sweepIds = await Strings(group, Field("sweep_id"), n, cancellationToken);
            string[] modes = await Strings(group, Field("mode"), n, cancellationToken);
            string[] norms = await Strings(group, Field("norm"), n, cancellationToken);
            var trainEps = new double?[n];
            await group.ReadAsync(Field("train_eps"), trainEps.AsMemory(), null, cancellationToken);
            long[] seeds = await Values<long>(group, Field("seed"), n, cancellationToken);
            int[] epsIndexes = await Values<int>(group, Field("eps_index"), n, cancellationToken);
            double[] attackEps = await Values<double>(group, Field("attack_eps"), n, cancellationToken);
            int[] testIndexes = await Values<int>(group, Field("test_index"), n, cancellationToken);
            int[] labels = await Values<int>(group, Field("label"), n, cancellationToken);
            float[] logits = await Values<float>(group, Field("logit"), n, cancellationToken);
            int[] imageRows = await Values<int>(group, Field("image_rows"), n, cancellationToken);
            int[] imageColumns = await Values<int>(group, Field("image_columns"), n, cancellationToken);
            var images = new byte[]?[n];
            await group.ReadAsync(Field("image"), images.AsMemory(), null, cancellationToken);
            foreach (int i in kept)
            {
                rows.Add(new MisclassifiedRow
                {
                    SweepId = sweepIds[i], RunKey = runKeys[i], Mode = modes[i], Norm = norms[i], TrainEps = trainEps[i], Seed = seeds[i],
                    EpsIndex = epsIndexes[i], AttackEps = attackEps[i], Rank = ranks[i], TestIndex = testIndexes[i], Label = labels[i],
                    Logit = logits[i], Image = images[i] ?? [], ImageRows = imageRows[i], ImageColumns = imageColumns[i],
                });
            }
        }
        return rows;
    }

    private static async Task<string[]> Strings(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
    {
        var values = new string?[n];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => v ?? "")];
    }

    private static async Task<T[]> Values<T>(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[n];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return values;
    }
}
