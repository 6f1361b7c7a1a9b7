using RobustGrid.Core.Numerics;
using RobustGrid.Reports.Figures;

namespace RobustGrid.Reports.Tests;

/// <summary>The streamed bands (sums, minima, maxima per point, rows in any order) against the bands over whole series.</summary>
public sealed class SeedBandsBuilderTests
{
    [Fact]
    public void Rows_in_any_order_give_the_bands_of_the_whole_series()
    {
        var random = new DeterministicRandom(11);
        double[] x = [.. Enumerable.Range(0, 7).Select(i => i * 0.05)];
        double[][] seeds = [.. Enumerable.Range(0, 5).Select(_ => x.Select(_ => random.NextDouble()).ToArray())];
        var builder = new SeedBandsBuilder(x.Length, 1);
        // Points and seeds interleaved the way row groups cut them.
        foreach (var (seed, point) in Enumerable.Range(0, seeds.Length).SelectMany(s => x.Select((_, p) => (s, p))).OrderBy(_ => random.NextDouble()))
        {
            builder.Add(point, x[point], [seeds[seed][point]]);
        }

        SeedBands streamed = builder.Band(0), whole = SeedBands.Of(seeds.Select(y => (x, y)));

        Assert.Equal(whole.X, streamed.X);
        Assert.Equal(whole.Min, streamed.Min);
        Assert.Equal(whole.Max, streamed.Max);
        Assert.Equal(whole.Seeds, streamed.Seeds);
        Assert.All(whole.Mean.Zip(streamed.Mean), p => Assert.Equal(p.First, p.Second, 14));
    }

    [Fact]
    public void A_point_no_seed_reached_gives_no_band()
    {
        var builder = new SeedBandsBuilder(3, 1);
        builder.Add(0, 0, [1]);
        builder.Add(1, 0.1, [1]);
        Assert.Empty(builder.Band(0).X);
    }
}
