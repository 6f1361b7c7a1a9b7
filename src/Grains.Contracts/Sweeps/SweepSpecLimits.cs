using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>
/// The range of every number in a sweep spec. Each must be finite and inside its range, so NaN, infinities and absurd
/// magnitudes are refused in one line before anything is planned, hashed or serialized (JSON has no NaN).
/// The ranges are documented in docs/USAGE.md ("Validation") and in the option descriptions of `robustgrid sweep --help`.
/// </summary>
public static class SweepSpecLimits
{
    /// <summary>Upper bound of training and attack radii: far above any useful radius of the [0,1] pixels in any norm (L1 of 784 pixels is at most 784).</summary>
    public const double MaxEps = 1000;

    // The bounds a run point itself has (Core's validation), so a sweep and a single run take the same numbers.
    public const int MaxEpochs = HyperParameters.MaxEpochs;
    public const int MaxBatchSize = HyperParameters.MaxBatchSize;
    public const float MaxLearningRate = 1000f;
    public const int MaxAttackPoints = AttackGrid.MaxCount;
    public const int MaxClosest = RunPoint.MaxClosestCount;
    public const int MaxConcurrency = 10_000;
    public const int MaxRetries = 100;

    /// <summary>The largest grid a sweep may expand to unless the silo is configured otherwise (RobustGrid:MaxRunsPerSweep).</summary>
    public const int DefaultMaxRuns = 1_000_000;

    /// <summary>|seed| at most 2^53, so a seed survives every reader of the files that holds numbers as doubles.</summary>
    public const long MaxSeedMagnitude = 1L << 53;

    /// <summary>One fault per number out of range; empty when every number is fine.</summary>
    public static IReadOnlyList<string> Check(SweepSpec spec)
    {
        var faults = new List<string>();
        foreach (double e in (spec.Eps ?? []).Where(e => !double.IsFinite(e) || e < 0 || e > MaxEps).Distinct())
        {
            faults.Add($"eps must be a finite number in 0..{MaxEps} (got {Text(e)}).");
        }
        if (spec.Epochs is { } epochs && (epochs < 1 || epochs > MaxEpochs))
        {
            faults.Add($"epochs must be 1..{MaxEpochs} (got {epochs}).");
        }
        if (spec.BatchSize is { } batch && (batch < 1 || batch > MaxBatchSize))
        {
            faults.Add($"batch size must be 1..{MaxBatchSize} (got {batch}).");
        }
        if (spec.LearningRate is { } lr && (!float.IsFinite(lr) || lr <= 0 || lr > MaxLearningRate))
        {
            faults.Add($"learning rate must be a finite number in (0, {MaxLearningRate}] (got {Text(lr)}).");
        }
        if (!double.IsFinite(spec.AttackEpsMax) || spec.AttackEpsMax < 0 || spec.AttackEpsMax > MaxEps)
        {
            faults.Add($"attack eps max must be a finite number in 0..{MaxEps} (got {Text(spec.AttackEpsMax)}).");
        }
        if (spec.AttackPoints < 1 || spec.AttackPoints > MaxAttackPoints)
        {
            faults.Add($"attack points must be 1..{MaxAttackPoints} (got {spec.AttackPoints}).");
        }
        if (spec.ClosestCount < 0 || spec.ClosestCount > MaxClosest)
        {
            faults.Add($"closest must be 0..{MaxClosest} (got {spec.ClosestCount}).");
        }
        if (spec.Concurrency is { } concurrency && (concurrency < 1 || concurrency > MaxConcurrency))
        {
            faults.Add($"concurrency must be 1..{MaxConcurrency} (got {concurrency}).");
        }
        if (spec.Retries < 0 || spec.Retries > MaxRetries)
        {
            faults.Add($"retries must be 0..{MaxRetries} (got {spec.Retries}).");
        }
        foreach (long seed in (spec.Seeds ?? []).Where(s => s < -MaxSeedMagnitude || s > MaxSeedMagnitude).Take(1))
        {
            faults.Add($"seeds must be in -2^53..2^53 (got {seed}).");
        }
        return faults;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
