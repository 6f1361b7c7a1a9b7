using RobustGrid.Core.Training;

namespace RobustGrid.Core.Tests.Training;

/// <summary>The hinge's partition of a batch filled in one pass, against the loop it replaces written out sample by sample.</summary>
[Trait("Category", "Unit")]
public sealed class ActivePartitionTests
{
    [Theory]
    [InlineData(0, 0f)]
    [InlineData(1, 0f)]
    [InlineData(7, 0.3f)]
    [InlineData(100, 0f)]
    [InlineData(100, 0.05f)]
    [InlineData(100, 2.5f)]
    [InlineData(128, 0.7f)]
    public void FillFromHinge_gives_the_partition_sum_and_count_of_the_explicit_loop(int rows, float shift)
    {
        var random = new Random(rows * 31 + (int)(shift * 100));
        sbyte[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1).ToArray();
        // Margins around the hinge's corner and around 0, with exact ties at both (loss 0 is inactive, margin 0 is wrong).
        float[] logits = Enumerable.Range(0, rows).Select(i => (i % 9) switch
        {
            0 => labels[i] * (1f + shift),
            1 => 0f,
            2 => -0f,
            _ => (float)(random.NextDouble() * 4 - 2),
        }).ToArray();
        double startSum = random.NextDouble() * 1000;

        var filled = new ActivePartition(rows + 3);
        filled.Add(0, true, true); // stale entries are cleared
        double sum = startSum;
        int correct = filled.FillFromHinge(labels, logits, shift, ref sum);

        var expected = new ActivePartition(rows + 3);
        double expectedSum = startSum;
        int expectedCorrect = 0;
        for (int i = 0; i < rows; i++)
        {
            float margin = labels[i] * logits[i];
            expectedCorrect += margin > 0f ? 1 : 0;
            float loss = 1f - margin + shift;
            expectedSum += loss > 0f ? loss : 0f;
            expected.Add(i, labels[i] > 0, loss > 0f);
        }

        Assert.Equal(expectedCorrect, correct);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expectedSum), BitConverter.DoubleToInt64Bits(sum));
        Assert.Equal(expected.ActivePositive.ToArray(), filled.ActivePositive.ToArray());
        Assert.Equal(expected.ActiveNegative.ToArray(), filled.ActiveNegative.ToArray());
        Assert.Equal(expected.InactivePositive.ToArray(), filled.InactivePositive.ToArray());
        Assert.Equal(expected.InactiveNegative.ToArray(), filled.InactiveNegative.ToArray());
        Assert.Equal(expected.LabelSum, filled.LabelSum);
    }

    [Fact]
    public void FillFromHinge_refuses_a_batch_larger_than_the_partition()
    {
        double sum = 0;
        Assert.Throws<ArgumentException>(() => new ActivePartition(2).FillFromHinge(new sbyte[3], new float[3], 0f, ref sum));
        Assert.Throws<ArgumentException>(() => new ActivePartition(4).FillFromHinge(new sbyte[2], new float[3], 0f, ref sum));
    }
}
