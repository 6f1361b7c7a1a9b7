using RobustGrid.Core.Numerics;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Training;

/// <summary>The batch's subgradient sums, taken directly or as the batch's whole sum minus the inactive rows, against the explicit sum.</summary>
[Trait("Category", "Unit")]
public sealed class BatchSumsTests
{
    public static TheoryData<int, int, double> Shapes() => new()
    {
        { 1, 784, 0.0 }, { 1, 784, 1.0 }, { 7, 3, 0.5 }, { 100, 784, 0.02 }, { 100, 784, 0.5 }, { 100, 784, 0.51 },
        { 100, 784, 0.97 }, { 100, 784, 1.0 }, { 300, 47, 0.8 }, { 129, 33, 0.99 }, { 0, 16, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Active_sums_equal_the_explicit_sum_over_the_active_rows(int rows, int features, double activeShare)
    {
        var random = new Random(rows * 1000 + features);
        byte[] pixels = new byte[rows * features];
        random.NextBytes(pixels);
        sbyte[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1).ToArray();
        var batch = new BatchSums(features, capacity: rows + 5);
        batch.Start(pixels, labels);
        var partition = new ActivePartition(rows + 5);
        // Several runs on one batch: the whole sum is computed for the first that takes the complement and reused.
        for (int run = 0; run < 4; run++)
        {
            bool[] active = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < activeShare).ToArray();
            partition.Clear();
            for (int i = 0; i < rows; i++)
            {
                partition.Add(i, labels[i] > 0, active[i]);
            }
            int[] sums = Enumerable.Repeat(12345, features).ToArray(); // stale values are overwritten
            batch.Active(sums, partition);

            int[] expected = new int[features];
            PixelKernels.AccumulateRowsScalar(expected,
                pixels, Enumerable.Range(0, rows).Where(i => active[i] && labels[i] > 0).ToArray(), Enumerable.Range(0, rows).Where(i => active[i] && labels[i] < 0).ToArray());
            Assert.Equal(expected, sums);
            Assert.Equal(active.Count(a => a), partition.Active);
            Assert.Equal(Enumerable.Range(0, rows).Where(i => active[i]).Sum(i => labels[i]), partition.LabelSum);
        }
    }

    [Fact]
    public void A_new_batch_does_not_reuse_the_last_batch_total()
    {
        byte[] first = [1, 2, 3, 4], second = [10, 20, 30, 40];
        sbyte[] labels = [1, 1];
        var batch = new BatchSums(2, 2);
        var partition = new ActivePartition(2);
        partition.Add(0, true, true);
        partition.Add(1, true, true);
        int[] sums = new int[2];
        batch.Start(first, labels);
        batch.Active(sums, partition);
        Assert.Equal([4, 6], sums);
        batch.Start(second, labels);
        batch.Active(sums, partition);
        Assert.Equal([40, 60], sums);
    }

    [Fact]
    public void A_batch_that_does_not_fit_is_refused()
    {
        var batch = new BatchSums(3, 2);
        Assert.Throws<ArgumentException>(() => batch.Start(new byte[9], new sbyte[3]));
        Assert.Throws<ArgumentException>(() => batch.Start(new byte[5], new sbyte[2]));
    }
}
