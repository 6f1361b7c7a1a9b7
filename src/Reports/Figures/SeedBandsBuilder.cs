namespace RobustGrid.Reports.Figures;

/// <summary>
/// Builds <see cref="SeedBands"/> while rows stream by, in any order: per point and series, the sum, min and max
/// over seeds, so that a band over thousands of seeds costs the grid's size, not the rows'. Mean = sum / count.
/// </summary>
internal sealed class SeedBandsBuilder
{
    private readonly double[] _x;
    private readonly bool[] _seen;
    private readonly int[] _count;
    private readonly double[][] _sum, _min, _max;

    /// <param name="points">Points of the grid every series shares.</param>
    /// <param name="series">Series per row (a training history has four: test and train loss and accuracy).</param>
    public SeedBandsBuilder(int points, int series)
    {
        _x = new double[points];
        _seen = new bool[points];
        _count = new int[points];
        _sum = [.. Enumerable.Range(0, series).Select(_ => new double[points])];
        _min = [.. Enumerable.Range(0, series).Select(_ => Enumerable.Repeat(double.PositiveInfinity, points).ToArray())];
        _max = [.. Enumerable.Range(0, series).Select(_ => Enumerable.Repeat(double.NegativeInfinity, points).ToArray())];
    }

    public int Points => _x.Length;

    /// <summary>One seed's values at <paramref name="point"/>, whose x is <paramref name="x"/> (the first seen is kept).</summary>
    public void Add(int point, double x, ReadOnlySpan<double> values)
    {
        if (!_seen[point])
        {
            _seen[point] = true;
            _x[point] = x;
        }
        _count[point]++;
        for (int s = 0; s < _sum.Length; s++)
        {
            _sum[s][point] += values[s];
            _min[s][point] = Math.Min(_min[s][point], values[s]);
            _max[s][point] = Math.Max(_max[s][point], values[s]);
        }
    }

    /// <summary>The band of one series; empty when no seed gave every point.</summary>
    public SeedBands Band(int series)
    {
        if (_x.Length == 0 || _count.Any(c => c == 0))
        {
            return SeedBands.Empty;
        }
        double[] mean = [.. _sum[series].Select((s, i) => s / _count[i])];
        return new SeedBands([.. _x], mean, [.. _min[series]], [.. _max[series]], _count.Max());
    }
}
