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
        Closest(r.Misclassified),
        [.. r.Misclassified.Select(m => m.Count)],
        [.. r.Misclassified.Select(m => m.AbsLogitQuantiles)]);

    /// <summary>Each radius's closest misclassified samples in radius, then rank order (about 1,000 a run: one array, no iterators).</summary>
    private static MisclassifiedRecord[] Closest(IReadOnlyList<MisclassifiedAtEps> misclassified)
    {
        int count = 0;
        for (int g = 0; g < misclassified.Count; g++)
        {
            count += misclassified[g].Closest.Length;
        }
        var records = new MisclassifiedRecord[count];
        int next = 0;
        for (int g = 0; g < misclassified.Count; g++)
        {
            MisclassifiedSample[] closest = misclassified[g].Closest;
            for (int rank = 0; rank < closest.Length; rank++)
            {
                records[next++] = new MisclassifiedRecord(g, rank, closest[rank].TestIndex, closest[rank].Logit);
            }
        }
        return records;
    }

    public static RunRecord Failed(RunSpec spec, string runKey, string error, int attempts, string silo) => new(
        runKey, spec, RunStatus.Failed, error, attempts, silo, 0, double.NaN, double.NaN, null, double.NaN, double.NaN, double.NaN,
        0f, [], [], [], [], [], [], []);
}
