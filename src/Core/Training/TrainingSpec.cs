using RobustGrid.Core.Evaluation;

namespace RobustGrid.Core.Training;

/// <summary>What to train: the mode, the threat model it is robust to, and the optimiser.</summary>
/// <param name="Mode">Regular or robust training.</param>
/// <param name="Norm">The threat-model norm; robust training penalises eps times its dual norm of w.</param>
/// <param name="Eps">The training radius; must be 0 for regular training.</param>
/// <param name="Seed">Seeds the initialisation (stream 0) and the shuffling (stream 1).</param>
/// <param name="HyperParameters">Optimiser settings.</param>
public sealed record TrainingSpec(TrainingMode Mode, ThreatNorm Norm, double Eps, long Seed, HyperParameters HyperParameters)
{
    /// <summary>Returns the faults of this spec, empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var faults = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            faults.Add($"unknown mode {Mode}.");
        }
        if (!Enum.IsDefined(Norm))
        {
            faults.Add($"unknown norm {Norm}.");
        }
        if (!double.IsFinite(Eps) || Eps < 0)
        {
            faults.Add($"eps must be a finite number >= 0 (got {Eps}).");
        }
        else if (Mode == TrainingMode.Regular && Eps != 0)
        {
            faults.Add($"regular training has no eps (got {Eps}); use --mode robust to train against an eps-ball.");
        }
        faults.AddRange(HyperParameters.Validate());
        return faults;
    }
}
