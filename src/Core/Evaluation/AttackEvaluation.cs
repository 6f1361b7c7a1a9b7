using RobustGrid.Core.Training;

namespace RobustGrid.Core.Evaluation;

/// <summary>The clean test metrics, the attack curve and the misclassified samples at every radius.</summary>
public sealed record AttackEvaluation(SplitMetrics Clean, AttackCurve Curve, IReadOnlyList<MisclassifiedAtEps> Misclassified);
