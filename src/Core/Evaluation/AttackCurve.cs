namespace RobustGrid.Core.Evaluation;

/// <summary>Test accuracy under the exact white-box attack at each radius of the grid.</summary>
/// <param name="Norm">The attacker's ball.</param>
/// <param name="Clipped">True when perturbed pixels were kept inside [0, 1] (the box-constrained variant).</param>
/// <param name="Eps">The attack radii, ascending.</param>
/// <param name="Accuracy">Fraction of test samples still classified correctly at each radius.</param>
public sealed record AttackCurve(ThreatNorm Norm, bool Clipped, double[] Eps, double[] Accuracy);
