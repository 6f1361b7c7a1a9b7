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

    private ReadOnlySpan<int> List(int list) => _rows.AsSpan(list * capacity, _counts[list]);
}
