using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Training;

/// <summary>
/// The data part of the hinge subgradient of one batch, sum over the active samples of y_i * p_i (integer pixel
/// sums), for every run of a group that trains on the batch. A run with more active than inactive samples takes it
/// as the batch's whole signed sum, computed once for the group, minus its inactive samples:
/// sum_active(y p) = sum_batch(y p) - sum_inactive(y p). Integer arithmetic is exact, so both ways give the same
/// sums; the complement reads at most half the batch per run (a robust run at a large eps has nearly every sample
/// active in every batch). Single-threaded.
/// </summary>
internal sealed class BatchSums(int features, int capacity)
{
    private readonly int[] _total = new int[features];
    private readonly int[] _positive = new int[capacity];
    private readonly int[] _negative = new int[capacity];
    private ReadOnlyMemory<byte> _rows;
    private ReadOnlyMemory<sbyte> _labels;
    private bool _totalReady;

    /// <summary>Starts a batch: its rows, features bytes each, and their labels (kept by reference until the next batch).</summary>
    public void Start(ReadOnlyMemory<byte> rows, ReadOnlyMemory<sbyte> labels)
    {
        if (labels.Length > capacity || rows.Length != labels.Length * features)
        {
            throw new ArgumentException($"A batch of {labels.Length} labels and {rows.Length} bytes does not fit {capacity} rows of {features} features.");
        }
        _rows = rows;
        _labels = labels;
        _totalReady = false;
    }

    /// <summary>Sets <paramref name="sums"/> to sum_{i active} y_i p_i over the batch, for one run's <paramref name="partition"/> of it.</summary>
    public void Active(Span<int> sums, ActivePartition partition)
    {
        if (partition.Active <= partition.Inactive)
        {
            sums.Clear();
            PixelKernels.AccumulateRows(sums, _rows.Span, partition.ActivePositive, partition.ActiveNegative);
            return;
        }
        Total().CopyTo(sums);
        // Taking an inactive positive out subtracts its pixels; taking an inactive negative out adds them back.
        PixelKernels.AccumulateRows(sums, _rows.Span, partition.InactiveNegative, partition.InactivePositive);
    }

    /// <summary>sum_batch(y p), computed on the first run that needs it.</summary>
    private int[] Total()
    {
        if (!_totalReady)
        {
            ReadOnlySpan<sbyte> labels = _labels.Span;
            int p = 0, n = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] > 0)
                {
                    _positive[p++] = i;
                }
                else
                {
                    _negative[n++] = i;
                }
            }
            _total.AsSpan().Clear();
            PixelKernels.AccumulateRows(_total, _rows.Span, _positive.AsSpan(0, p), _negative.AsSpan(0, n));
            _totalReady = true;
        }
        return _total;
    }
}
