using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Tests.Evaluation;

public class LogitQuantilesTests
{
    [Fact]
    public void No_logits_give_no_quantiles() => Assert.Empty(LogitQuantiles.OfAbsolute([]));

    [Fact]
    public void One_logit_is_every_quantile() =>
        Assert.All(LogitQuantiles.OfAbsolute([-2.5f]), q => Assert.Equal(2.5f, q));

    [Theory]
    [InlineData(5, -1)]
    [InlineData(50, 1)]
    [InlineData(51, 0)]
    public void Presorted_magnitudes_give_the_same_quantiles_as_shuffled_ones(int n, int direction)
    {
        // direction -1: magnitudes descending (the unclipped attack's order), 1: ascending, 0: ties everywhere.
        float[] presorted = [.. Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? 1f : -1f) * (direction == 0 ? 0.5f : 0.1f * (direction > 0 ? i : n - i)))];
        var random = new DeterministicRandom(n);
        float[] shuffled = [.. presorted.OrderBy(_ => random.NextUInt64())];

        Assert.Equal(LogitQuantiles.OfAbsolute(shuffled), LogitQuantiles.OfAbsolute(presorted));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(21)]
    [InlineData(100)]
    [InlineData(1001)]
    public void Quantiles_match_the_definition_on_the_sorted_absolute_values(int n)
    {
        var random = new DeterministicRandom(n);
        float[] logits = [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 8 - 4))];
        double[] sorted = [.. logits.Select(l => (double)Math.Abs(l)).Order()];

        float[] q = LogitQuantiles.OfAbsolute(logits);

        Assert.Equal(LogitQuantiles.Count, q.Length);
        Assert.Equal(sorted[0], q[0], 6);
        Assert.Equal(sorted[^1], q[^1], 6);
        for (int i = 0; i < q.Length; i++)
        {
            // Type 7 lies between the order statistics floor(h) and floor(h) + 1 (0-based), h = p (n - 1).
            int k = (int)Math.Floor((double)i / (LogitQuantiles.Count - 1) * (n - 1) + 1e-12);
            Assert.True(sorted.Count(v => v <= q[i] + 1e-6) >= k + 1, $"q{i}: too few values at or below it");
            Assert.True(sorted.Count(v => v < q[i] - 1e-6) <= k + 1, $"q{i}: too many values below it");
            if (i > 0)
            {
                Assert.True(q[i] >= q[i - 1]);
            }
        }
        if (n % 2 == 1)
        {
            Assert.Equal(sorted[n / 2], q[LogitQuantiles.MedianIndex], 6);
        }
        else
        {
            Assert.Equal((sorted[n / 2 - 1] + sorted[n / 2]) / 2, q[LogitQuantiles.MedianIndex], 5);
        }
    }
}
