namespace RobustGrid.Reports.Figures;

/// <summary>Series over seeds on a shared x grid, reduced to mean, min and max per point (series on another grid are left out).</summary>
internal sealed record SeedBands(double[] X, double[] Mean, double[] Min, double[] Max, int Seeds)
{
    public static SeedBands Empty { get; } = new([], [], [], [], 0);

    public static SeedBands Of(IEnumerable<(double[] X, double[] Y)> series)
    {
        var all = series.ToList();
        if (all.Count == 0)
        {
            return Empty;
        }
        double[] x = all[0].X;
        var same = all.Where(s => s.X.Length == x.Length && s.X.Zip(x).All(p => Math.Abs(p.First - p.Second) < 1e-12)).ToList();
        var mean = new double[x.Length];
        var min = new double[x.Length];
        var max = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            mean[i] = same.Average(s => s.Y[i]);
            min[i] = same.Min(s => s.Y[i]);
            max[i] = same.Max(s => s.Y[i]);
        }
        return new SeedBands(x, mean, min, max, same.Count);
    }
}
