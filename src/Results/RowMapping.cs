using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>Flattens a <see cref="RunRecord"/> into the rows of the four files.</summary>
internal static class RowMapping
{
    public static RunRow Run(string sweepId, RunRecord r)
    {
        RunSpec s = r.Spec;
        bool ok = r.Status == RunStatus.Completed;
        return new RunRow
        {
            SweepId = sweepId,
            RunKey = r.RunKey,
            DatasetName = s.DatasetName,
            DatasetHash = s.DatasetHash,
            DatasetSource = s.Dataset.ToString(),
            NegativeClass = s.NegativeClass,
            PositiveClass = s.PositiveClass,
            Mode = Lower(s.Mode),
            Norm = Lower(s.Norm),
            TrainEps = TrainEps(s),
            Seed = s.Seed,
            Epochs = s.Epochs,
            BatchSize = s.BatchSize,
            LearningRate = s.LearningRate,
            Reduction = Lower(s.Reduction),
            Shuffle = s.Shuffle,
            AttackEpsStart = s.AttackStart,
            AttackEpsStop = s.AttackStop,
            AttackEpsCount = s.AttackCount,
            Clip = s.Clip,
            ClosestCount = s.ClosestCount,
            Status = Lower(r.Status),
            Error = r.Error,
            Attempts = r.Attempts,
            Silo = r.Silo,
            DurationSeconds = r.DurationSeconds,
            TrainAccuracy = ok ? r.TrainAccuracy : null,
            TestAccuracy = ok ? r.TestAccuracy : null,
            Eps50 = ok ? r.Eps50 : null,
            CurveArea = ok ? r.CurveArea : null,
            WeightL1 = ok ? r.WeightL1 : null,
            SmallWeightFraction = ok ? r.SmallWeightFraction : null,
            Bias = ok ? r.Bias : null,
            Weights = [.. r.Weights],
        };
    }

    public static IEnumerable<CurveRow> Curve(string sweepId, RunRecord r)
    {
        for (int g = 0; g < r.CurveEps.Length; g++)
        {
            yield return new CurveRow
            {
                SweepId = sweepId,
                RunKey = r.RunKey,
                Mode = Lower(r.Spec.Mode),
                Norm = Lower(r.Spec.Norm),
                TrainEps = TrainEps(r.Spec),
                Seed = r.Spec.Seed,
                Clip = r.Spec.Clip,
                EpsIndex = g,
                AttackEps = r.CurveEps[g],
                RobustAccuracy = r.CurveAccuracy[g],
                MisclassifiedCount = g < r.MisclassifiedCounts.Length ? r.MisclassifiedCounts[g] : 0,
                MisclassifiedAbsLogitMedian = g < r.AbsLogitQuantiles.Length && r.AbsLogitQuantiles[g].Length > 0 ? r.AbsLogitQuantiles[g][LogitQuantiles.MedianIndex] : null,
                MisclassifiedAbsLogitQuantiles = g < r.AbsLogitQuantiles.Length ? [.. r.AbsLogitQuantiles[g]] : [],
            };
        }
    }

    public static IEnumerable<EpochRow> Epoch(string sweepId, RunRecord r) => r.Epochs.Select(e => new EpochRow
    {
        SweepId = sweepId,
        RunKey = r.RunKey,
        Mode = Lower(r.Spec.Mode),
        Norm = Lower(r.Spec.Norm),
        TrainEps = TrainEps(r.Spec),
        Seed = r.Spec.Seed,
        Epoch = e.Epoch,
        TrainLoss = e.TrainLoss,
        TestLoss = e.TestLoss,
        TrainAccuracy = e.TrainAccuracy,
        TestAccuracy = e.TestAccuracy,
    });

    /// <summary>A regular run has no training eps: null, not 0.</summary>
    private static double? TrainEps(RunSpec s) => s.Mode == TrainingMode.Regular ? null : s.Eps;

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
