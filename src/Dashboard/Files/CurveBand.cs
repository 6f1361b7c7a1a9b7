namespace RobustGrid.Dashboard.Files;

/// <summary>
/// Running mean and spread of one model's curves over its seeds, point by point, updated one curve point at a time
/// (Welford: n, mean and the sum of squared deviations M2 per point), so each committed run is read once and never kept.
/// std = sqrt(M2 / (n - 1)), the sample std <see cref="Results.MeanStd"/> uses, and 0 for a single seed.
/// </summary>
public sealed class CurveBand
{
    private readonly List<double> _eps = [];
    private readonly List<int> _counts = [];
    private readonly List<double> _means = [];
    private readonly List<double> _m2 = [];

    /// <summary>Completed runs (seeds) whose curves were added.</summary>
    public int Runs { get; private set; }

    /// <summary>Counts a run; its points follow through <see cref="Add"/>.</summary>
    public void AddRun() => Runs++;

    /// <summary>Adds point <paramref name="index"/> of a run's curve (accuracy at attack eps <paramref name="eps"/>).</summary>
    public void Add(int index, double eps, double accuracy)
    {
        while (_counts.Count <= index)
        {
            _eps.Add(double.NaN);
            _counts.Add(0);
            _means.Add(0);
            _m2.Add(0);
        }
        if (_counts[index] == 0)
        {
            _eps[index] = eps;
        }
        int n = ++_counts[index];
        double delta = accuracy - _means[index];
        _means[index] += delta / n;
        _m2[index] += delta * (accuracy - _means[index]);
    }

    /// <summary>The points every added run has (a point fewer runs reached is left out), as eps, mean and std.</summary>
    public (double[] Eps, double[] Mean, double[] Std) Points()
    {
        var eps = new List<double>();
        var mean = new List<double>();
        var std = new List<double>();
        for (int i = 0; i < _counts.Count; i++)
        {
            if (_counts[i] != Runs)
            {
                continue;
            }
            eps.Add(_eps[i]);
            mean.Add(_means[i]);
            std.Add(_counts[i] > 1 ? Math.Sqrt(_m2[i] / (_counts[i] - 1)) : 0);
        }
        return ([.. eps], [.. mean], [.. std]);
    }
}
