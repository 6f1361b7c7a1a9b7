using RobustGrid.Reports.Figures;
using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>
/// A model of the report: its completed runs (one per seed), how many failed, and the representative run whose
/// single-seed figures (weight stamp, fooling examples) stand for it; with the aggregates over seeds the figures draw.
/// </summary>
public sealed record ReportModel(SectionKey Section, ModelKey Key, IReadOnlyList<ReportRun> Completed, int Failed, ReportRun? Representative)
{
    /// <summary>The representative run's weights (empty when there is none or it has none).</summary>
    internal float[] RepresentativeWeights { get; init; } = [];

    /// <summary>The representative run's bias b (0 when there is none).</summary>
    internal float RepresentativeBias { get; init; }

    /// <summary>The representative run's curve rows, in eps-index order.</summary>
    internal IReadOnlyList<CurvePoint> RepresentativeCurve { get; init; } = [];

    /// <summary>Accuracy under attack against attack eps over seeds.</summary>
    internal SeedBands Curves { get; init; } = SeedBands.Empty;

    /// <summary>Per quantile of |w_i| (probabilities 0, 0.05, ..., 1): its value at the end of each epoch over seeds; empty bands when epochs.parquet has none.</summary>
    internal IReadOnlyList<SeedBands> WeightQuantiles { get; init; } = [];

    /// <summary>Loss and accuracy per epoch over seeds.</summary>
    internal TrainingBands Training { get; init; } = TrainingBands.Empty;

    /// <summary>At each radius the logit-density figure shows: every seed's curve row there, in seed order.</summary>
    internal IReadOnlyList<IReadOnlyList<CurvePoint>> LogitRadii { get; init; } = [];

    /// <summary>Accuracy under attack at each of the section's table radii (mean and std over the seeds on the model's grid).</summary>
    internal IReadOnlyList<RobustGrid.Results.MeanStd> TableAccuracy { get; init; } = [];

    /// <summary>The representative run's fooled samples of ranks 0..<see cref="FooledSamples.Ranks"/>-1 at every radius, with their images.</summary>
    internal IReadOnlyList<FooledSample> Fooled { get; init; } = [];

    /// <summary>
    /// The run closest to the median seed: the completed run whose curve area (its robustness in one number) is
    /// nearest the median of the model's curve areas; ties go to the lowest seed.
    /// </summary>
    public static ReportRun? MedianRun(IReadOnlyList<ReportRun> completed)
    {
        if (completed.Count == 0)
        {
            return null;
        }
        double median = Median(completed.Select(r => r.CurveArea ?? 0));
        return completed.OrderBy(r => Math.Abs((r.CurveArea ?? 0) - median)).ThenBy(r => r.Seed).First();
    }

    /// <summary>The median (the mean of the middle two for an even count); 0 for none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
