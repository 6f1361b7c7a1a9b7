using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>
/// Aggregates curves.parquet into its models row group by row group, reading only the columns the figures draw:
/// at 100,000 runs it has 10 million rows, which as objects would take gigabytes.
/// </summary>
internal static class CurveTable
{
    public static async Task AggregateAsync(string directory, RunSlots slots, CancellationToken cancellationToken)
    {
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Curves, cancellationToken);
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            int n = checked((int)group.RowCount);
            if (n == 0)
            {
                continue;
            }
            string[] keys = await file.StringsAsync(group, "run_key", cancellationToken);
            int[] epsIndexes = await file.ValuesAsync<int>(group, "eps_index", cancellationToken);
            double[] attackEps = await file.ValuesAsync<double>(group, "attack_eps", cancellationToken);
            double[] accuracies = await file.ValuesAsync<double>(group, "robust_accuracy", cancellationToken);
            bool anyKept = false;
            for (int i = 0; i < n && !anyKept; i++)
            {
                RunSlot? slot = slots.Find(keys[i]);
                anyKept = slot is not null && slot.Model.Keeps(slot.Run, epsIndexes[i]);
            }
            // The quantile lists (21 floats a row) are decoded only in groups that hold a row a figure keeps whole.
            int[] counts = [];
            float?[] medians = [];
            FloatLists quantiles = default;
            if (anyKept)
            {
                counts = await file.ValuesAsync<int>(group, "misclassified_count", cancellationToken);
                medians = await file.NullablesAsync<float>(group, "misclassified_abs_logit_median", cancellationToken);
                quantiles = await file.FloatListsAsync(group, "misclassified_abs_logit_quantiles", cancellationToken);
            }
            for (int i = 0; i < n; i++)
            {
                if (slots.Find(keys[i]) is not { } slot)
                {
                    continue;
                }
                CurvePoint? point = anyKept && slot.Model.Keeps(slot.Run, epsIndexes[i])
                    ? new CurvePoint(slot.Run.Seed, epsIndexes[i], attackEps[i], accuracies[i], counts[i], medians[i], quantiles.Row(i).ToArray())
                    : null;
                slot.Model.AddCurve(slot.Run, epsIndexes[i], attackEps[i], accuracies[i], point);
            }
        }
    }
}
