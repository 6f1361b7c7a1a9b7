using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Runs;

/// <summary>Maps Core results to the wire and storage record.</summary>
public static class RunRecords
{
    public static RunRecord Completed(RunSpec spec, RunResult r, string silo) => new(
        r.RunKey, spec, RunStatus.Completed, null, 1, silo, r.Seconds,
        r.Summary.TrainAccuracy, r.Summary.TestAccuracy, r.Summary.Eps50, r.Summary.CurveArea, r.Summary.WeightL1, r.Summary.SmallWeightFraction,
        r.Bias, r.Weights, r.Curve.Eps, r.Curve.Accuracy,
        r.Epochs.Select(e => new EpochRecord(e.Epoch, e.TrainLoss, e.TestLoss, e.TrainAccuracy, e.TestAccuracy) { WeightAbsQuantiles = e.WeightAbsQuantiles }).ToArray(),
        r.Misclassified.SelectMany((m, g) => m.Closest.Select((c, rank) => new MisclassifiedRecord(g, rank, c.TestIndex, c.Logit))).ToArray(),
        r.Misclassified.Select(m => m.Count).ToArray(),
        r.Misclassified.Select(m => m.AbsLogitQuantiles).ToArray());

    public static RunRecord Failed(RunSpec spec, string runKey, string error, int attempts, string silo) => new(
        runKey, spec, RunStatus.Failed, error, attempts, silo, 0, double.NaN, double.NaN, null, double.NaN, double.NaN, double.NaN,
        0f, [], [], [], [], [], [], []);
}
