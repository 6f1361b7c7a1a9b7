namespace RobustGrid.Results;

/// <summary>One trained configuration of a sweep, aggregated over its seeds.</summary>
public sealed record ModelSummary(
    string Dataset, int NegativeClass, int PositiveClass, string Mode, string Norm, double? TrainEps,
    int Completed, int Failed, MeanStd CleanAccuracy, MeanStd AccuracyAt01, MeanStd AccuracyAt02, MeanStd AccuracyAt03, MeanStd Eps50);
