using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>Aggregates epochs.parquet into its models row group by row group, reading only the columns the training and wipe-out figures draw.</summary>
internal static class EpochTable
{
    public static async Task AggregateAsync(string directory, RunSlots slots, CancellationToken cancellationToken)
    {
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Epochs, cancellationToken);
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            if (group.RowCount == 0)
            {
                continue;
            }
            string[] keys = await file.StringsAsync(group, "run_key", cancellationToken);
            int[] epochs = await file.ValuesAsync<int>(group, "epoch", cancellationToken);
            double[] trainLoss = await file.ValuesAsync<double>(group, "train_loss", cancellationToken);
            double[] testLoss = await file.ValuesAsync<double>(group, "test_loss", cancellationToken);
            double[] trainAccuracy = await file.ValuesAsync<double>(group, "train_accuracy", cancellationToken);
            double[] testAccuracy = await file.ValuesAsync<double>(group, "test_accuracy", cancellationToken);
            // Sweeps written before the per-epoch wipe-out was recorded have no quantiles: the figure is left out.
            FloatLists? quantiles = file.Has("weight_abs_quantiles") ? await file.FloatListsAsync(group, "weight_abs_quantiles", cancellationToken) : null;
            for (int i = 0; i < keys.Length; i++)
            {
                if (slots.Find(keys[i]) is { } slot)
                {
                    slot.Model.AddEpoch(slot.Run, epochs[i], trainLoss[i], testLoss[i], trainAccuracy[i], testAccuracy[i], quantiles is { } q ? q.Row(i) : []);
                }
            }
        }
    }
}
