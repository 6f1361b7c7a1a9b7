using RobustGrid.Results;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;

namespace RobustGrid.Reports.Model;

/// <summary>
/// The columns of one runs.parquet row that the report draws: a few scalars per run, so that 100,000 runs fit in
/// a few tens of MB. The weights (784 floats a run) are read apart, only for the runs a figure shows.
/// </summary>
public sealed class ReportRun
{
    public required string RunKey { get; init; }
    public required string DatasetName { get; init; }
    public required string DatasetHash { get; init; }
    /// <summary>runs.parquet's dataset_source: "embedded" or the dataset directory (the loss landscape reloads the train split from it).</summary>
    public string DatasetSource { get; init; } = "";
    public required int NegativeClass { get; init; }
    public required int PositiveClass { get; init; }
    public required TrainingMode Mode { get; init; }
    public required ThreatNorm Norm { get; init; }
    public required double? TrainEps { get; init; }
    public required long Seed { get; init; }
    public required int Epochs { get; init; }
    public required AttackGrid AttackGrid { get; init; }
    public required bool Clip { get; init; }
    public required string Status { get; init; }
    public required double? TrainAccuracy { get; init; }
    public required double? TestAccuracy { get; init; }
    public required double? Eps50 { get; init; }
    public required double? CurveArea { get; init; }
    public required double? WeightL1 { get; init; }
    public required double? SmallWeightFraction { get; init; }

    public bool Completed => Status == RunRow.CompletedStatus;
}
