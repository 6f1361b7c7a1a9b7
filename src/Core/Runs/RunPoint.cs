using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Runs;

/// <summary>
/// One point of an experiment grid: everything that determines a run's result. Two equal points give
/// bit-identical results on any machine (the kernels sum in one order whatever the instruction set), so a point's
/// <see cref="Key"/> names exactly one result.
/// </summary>
public sealed record RunPoint(
    string DatasetName,
    string DatasetHash,
    int NegativeClass,
    int PositiveClass,
    TrainingMode Mode,
    ThreatNorm Norm,
    double Eps,
    long Seed,
    HyperParameters HyperParameters,
    AttackGrid AttackGrid,
    bool Clip,
    int ClosestCount)
{
    /// <summary>The default number of misclassified samples kept per attack radius.</summary>
    public const int DefaultClosestCount = 10;

    public const int MaxClosestCount = 10_000;

    /// <summary>The training half of the point.</summary>
    public TrainingSpec Training => new(Mode, Norm, Eps, Seed, HyperParameters);

    /// <summary>A stable identifier: "rk1-" and the first 24 hex digits of the SHA-256 of <see cref="CanonicalText"/>.</summary>
    public string Key => "rk1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText())))[..24];

    /// <summary>
    /// Every field that changes the result, in a fixed order with invariant, round-trip number formatting.
    /// The dataset is named by its content hash only, so renaming a directory does not change a key.
    /// </summary>
    public string CanonicalText()
    {
        var c = CultureInfo.InvariantCulture;
        HyperParameters h = HyperParameters;
        return string.Join('|',
            // v2: sums in the canonical order of PixelKernels.CanonicalSum on every instruction set; v1 results (summed in
            // the machine's own order) differ in their last bits, so they are not served for v2 points.
            "v2",
            DatasetHash,
            string.Create(c, $"pair={NegativeClass},{PositiveClass}"),
            EnumNames.Name(Mode),
            EnumNames.Name(Norm),
            "eps=" + Eps.ToString("R", c),
            "seed=" + Seed.ToString(c),
            string.Create(c, $"epochs={h.Epochs}"),
            string.Create(c, $"batch={h.BatchSize}"),
            "lr=" + h.LearningRate.ToString("R", c),
            EnumNames.Name(h.Reduction),
            h.Shuffle ? "shuffle" : "ordered",
            "grid=" + AttackGrid.Start.ToString("R", c) + ":" + AttackGrid.Stop.ToString("R", c) + ":" + AttackGrid.Count.ToString(c),
            Clip ? "clip" : "noclip",
            "k=" + ClosestCount.ToString(c));
    }

    /// <summary>Returns the faults of this point, empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var faults = new List<string>(Training.Validate());
        faults.AddRange(AttackGrid.Validate());
        if (NegativeClass == PositiveClass)
        {
            faults.Add($"the class pair needs two different classes (got {NegativeClass},{PositiveClass}).");
        }
        if (ClosestCount < 0 || ClosestCount > MaxClosestCount)
        {
            faults.Add($"the closest-sample count must be 0..{MaxClosestCount} (got {ClosestCount}).");
        }
        return faults;
    }
}
