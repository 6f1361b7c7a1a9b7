namespace RobustGrid.Results;

/// <summary>Mean and sample standard deviation of <see cref="Count"/> values (NaN mean when there are none).</summary>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    public static MeanStd Of(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        if (v.Length == 0)
        {
            return new MeanStd(double.NaN, double.NaN, 0);
        }
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new MeanStd(mean, std, v.Length);
    }
}
