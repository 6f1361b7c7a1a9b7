using Parquet;
using RobustGrid.Core.Training;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Reading;

/// <summary>The trained models of chosen runs, read from the runs table.</summary>
public static class RunWeights
{
    /// <summary>
    /// The weights and bias of each of <paramref name="runKeys"/> found in the runs table: row groups whose run_key statistics
    /// (or column) hold none of them are skipped, so the weights column is decoded only where a wanted run is.
    /// </summary>
    public static async Task<Dictionary<string, LinearModel>> ReadAsync(string directory, IReadOnlySet<string> runKeys, CancellationToken cancellationToken)
    {
        var models = new Dictionary<string, LinearModel>(StringComparer.Ordinal);
        string[] sorted = [.. runKeys.Order(StringComparer.Ordinal)];
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Runs, cancellationToken);
        for (int g = 0; g < file.RowGroupCount && models.Count < runKeys.Count; g++)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            if (group.RowCount == 0 || !file.MayHold(group, "run_key", sorted))
            {
                continue;
            }
            string[] keys = await file.StringsAsync(group, "run_key", cancellationToken);
            if (!keys.Any(runKeys.Contains))
            {
                continue;
            }
            FloatLists weights = await file.FloatListsAsync(group, "weights", cancellationToken);
            float?[] biases = await file.NullablesAsync<float>(group, "bias", cancellationToken);
            for (int i = 0; i < keys.Length; i++)
            {
                if (runKeys.Contains(keys[i]))
                {
                    models[keys[i]] = new LinearModel(weights.Row(i).ToArray(), biases[i] ?? 0f);
                }
            }
        }
        return models;
    }
}
