namespace RobustGrid.Core.Evaluation;

/// <summary>What the attack at one radius fools.</summary>
/// <param name="Eps">The attack radius.</param>
/// <param name="Logits">Perturbed logits of every misclassified test sample: a distribution, in no promised order.</param>
/// <param name="Closest">The misclassified samples nearest the boundary: ascending |logit|, ties by test index.</param>
public sealed record MisclassifiedAtEps(double Eps, float[] Logits, MisclassifiedSample[] Closest);
