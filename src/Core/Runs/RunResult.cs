using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Core.Runs;

/// <summary>Everything one run produced. All but <see cref="Seconds"/> is a pure function of the point and the data.</summary>
public sealed record RunResult(
    string RunKey,
    RunPoint Point,
    float[] Weights,
    float Bias,
    IReadOnlyList<EpochMetrics> Epochs,
    AttackCurve Curve,
    IReadOnlyList<MisclassifiedAtEps> Misclassified,
    RobustnessSummary Summary,
    double Seconds);
