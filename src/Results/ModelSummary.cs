using RobustGrid.Core.Evaluation;

namespace RobustGrid.Results;

/// <summary>
/// One trained configuration of a sweep, aggregated over its seeds. <see cref="AccuracyAt"/>[i] is the accuracy under
/// attack at <see cref="TableEps"/>[i] (see <see cref="TableRadii"/>); a radius off the model's grid has Count 0.
/// </summary>
public sealed record ModelSummary(
    string Dataset, int NegativeClass, int PositiveClass, ThreatNorm Norm, ModelKey Model,
    int Completed, int Failed, MeanStd CleanAccuracy, IReadOnlyList<double> TableEps, IReadOnlyList<MeanStd> AccuracyAt, MeanStd Eps50);
