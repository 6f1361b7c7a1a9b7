namespace RobustGrid.Core.Evaluation;

/// <summary>What the attack at one radius fools.</summary>
/// <param name="Eps">The attack radius.</param>
/// <param name="Count">How many test samples it fools.</param>
/// <param name="AbsLogitQuantiles">The distribution of their perturbed |logit| (<see cref="LogitQuantiles"/>); empty when it fools none.</param>
/// <param name="Closest">The misclassified samples nearest the boundary: ascending |logit|, ties by test index.</param>
/// <param name="Logits">
/// Perturbed logits of every misclassified test sample, in no promised order, when the evaluation was asked to keep
/// them (a single run's full output); otherwise empty: a sweep stores only the quantiles, and a run's 101 radii of
/// logits were the largest allocation of the grid's path.
/// </param>
public sealed record MisclassifiedAtEps(double Eps, int Count, float[] AbsLogitQuantiles, MisclassifiedSample[] Closest, float[] Logits);
