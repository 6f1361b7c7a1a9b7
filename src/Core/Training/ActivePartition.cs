using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RobustGrid.Core.Training;

/// <summary>
/// One run's split of a batch's rows (indices within the batch) into the hinge's active and inactive samples, each by
/// label sign: the operands of <see cref="BatchSums.Active"/>. Filled row by row, in order, for one step at a time;
/// without branches, since whether a sample is active follows no pattern a branch predictor could learn.
/// </summary>
internal sealed class ActivePartition(int capacity)
{
    private const int ActivePositiveList = 0, ActiveNegativeList = 1, InactivePositiveList = 2, InactiveNegativeList = 3;
    private readonly int[] _rows = new int[4 * capacity];
    private readonly int[] _counts = new int[4];

    public ReadOnlySpan<int> ActivePositive => List(ActivePositiveList);

    public ReadOnlySpan<int> ActiveNegative => List(ActiveNegativeList);

    public ReadOnlySpan<int> InactivePositive => List(InactivePositiveList);

    public ReadOnlySpan<int> InactiveNegative => List(InactiveNegativeList);

    /// <summary>Active samples.</summary>
    public int Active => _counts[ActivePositiveList] + _counts[ActiveNegativeList];

    /// <summary>Inactive samples.</summary>
    public int Inactive => _counts[InactivePositiveList] + _counts[InactiveNegativeList];

    /// <summary>sum of y over the active samples: active positives minus active negatives.</summary>
    public int LabelSum => _counts[ActivePositiveList] - _counts[ActiveNegativeList];

    public void Clear() => _counts.AsSpan().Clear();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int row, bool positive, bool active)
    {
        int list = (active ? 0 : 2) + (positive ? 0 : 1);
        ref int count = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), list);
        _rows[list * capacity + count] = row;
        count++;
    }

    /// <summary>
    /// Fills the partition (cleared first) from one run's hinge on a batch: sample i is active when
    /// 1 - y_i logits[i] + shift &gt; 0. Adds each sample's loss (0 for an inactive one) to <paramref name="lossSum"/> in
    /// sample order, one double addition each, and returns how many samples have y_i logits[i] &gt; 0: the same partition,
    /// sum and count as <see cref="Add"/> called sample by sample with that loop written out. The four counts stay in
    /// registers (each sample's index is stored at the end of all four lists and only its own list's count moves), so
    /// the only chain from sample to sample is the sum's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FillFromHinge(ReadOnlySpan<sbyte> labels, ReadOnlySpan<float> logits, float shift, ref double lossSum)
    {
        if (labels.Length != logits.Length || logits.Length > capacity)
        {
            throw new ArgumentException($"{labels.Length} labels and {logits.Length} logits do not fit a partition of {capacity} rows.");
        }
        int activePositive = 0, activeNegative = 0, inactivePositive = 0, inactiveNegative = 0, correct = 0;
        double sum = lossSum;
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref int activeNegatives = ref Unsafe.Add(ref rows, ActiveNegativeList * capacity);
        ref int inactivePositives = ref Unsafe.Add(ref rows, InactivePositiveList * capacity);
        ref int inactiveNegatives = ref Unsafe.Add(ref rows, InactiveNegativeList * capacity);
        for (int i = 0; i < logits.Length; i++)
        {
            float margin = labels[i] * logits[i];
            correct += margin > 0f ? 1 : 0;
            float loss = 1f - margin + shift;
            bool active = loss > 0f;
            sum += active ? loss : 0f; // adding +0 leaves the sum's bits as they are
            bool positive = labels[i] > 0;
            Unsafe.Add(ref rows, activePositive) = i;
            Unsafe.Add(ref activeNegatives, activeNegative) = i;
            Unsafe.Add(ref inactivePositives, inactivePositive) = i;
            Unsafe.Add(ref inactiveNegatives, inactiveNegative) = i;
            activePositive += (active & positive) ? 1 : 0;
            activeNegative += (active & !positive) ? 1 : 0;
            inactivePositive += (!active & positive) ? 1 : 0;
            inactiveNegative += (!active & !positive) ? 1 : 0;
        }
        _counts[ActivePositiveList] = activePositive;
        _counts[ActiveNegativeList] = activeNegative;
        _counts[InactivePositiveList] = inactivePositive;
        _counts[InactiveNegativeList] = inactiveNegative;
        lossSum = sum;
        return correct;
    }

    private ReadOnlySpan<int> List(int list) => _rows.AsSpan(list * capacity, _counts[list]);
}
