using System.Globalization;
using System.Text;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Tests.Committed;

/// <summary>
/// A run record as text, one field a line, every float and double as its bit pattern and every array in full: two
/// records are equal field by field exactly when their texts are (RunRecord's own Equals compares arrays by reference,
/// and RunSpec's compares its cached key too), and a failed comparison shows the field that differs.
/// </summary>
internal static class RecordText
{
    public static string Of(RunRecord r)
    {
        var text = new StringBuilder();
        void Line(string name, object? value) => text.Append(name).Append(": ").Append(value ?? "null").Append('\n');
        RunSpec s = r.Spec;
        Line("RunKey", r.RunKey);
        Line("Spec.Dataset", $"{s.Dataset.Directory ?? "(embedded)"} embedded={s.Dataset.IsEmbedded}");
        Line("Spec.Dataset", (s.DatasetName, s.DatasetHash, s.NegativeClass, s.PositiveClass, s.Mode, s.Norm, D(s.Eps), s.Seed));
        Line("Spec.Training", (s.Epochs, s.BatchSize, F(s.LearningRate), s.Reduction, s.Shuffle));
        Line("Spec.Attack", (D(s.AttackStart), D(s.AttackStop), s.AttackCount, s.Clip, s.ClosestCount));
        Line("Status", (r.Status, r.Error, r.Attempts, r.Silo, D(r.DurationSeconds)));
        Line("Metrics", (D(r.TrainAccuracy), D(r.TestAccuracy), r.Eps50 is double eps50 ? D(eps50) : "null", D(r.CurveArea), D(r.WeightL1), D(r.SmallWeightFraction)));
        Line("Bias", F(r.Bias));
        Line("Weights", Floats(r.Weights));
        Line("CurveEps", string.Join(' ', r.CurveEps.Select(D)));
        Line("CurveAccuracy", string.Join(' ', r.CurveAccuracy.Select(D)));
        foreach (EpochRecord e in r.Epochs)
        {
            Line("Epoch", (e.Epoch, D(e.TrainLoss), D(e.TestLoss), D(e.TrainAccuracy), D(e.TestAccuracy), Floats(e.WeightAbsQuantiles)));
        }
        Line("Epochs", r.Epochs.Length);
        foreach (MisclassifiedRecord m in r.Misclassified)
        {
            Line("Misclassified", (m.EpsIndex, m.Rank, m.TestIndex, F(m.Logit)));
        }
        Line("Misclassified", r.Misclassified.Length);
        Line("MisclassifiedCounts", string.Join(' ', r.MisclassifiedCounts));
        for (int g = 0; g < r.AbsLogitQuantiles.Length; g++)
        {
            Line($"AbsLogitQuantiles[{g}]", Floats(r.AbsLogitQuantiles[g]));
        }
        Line("AbsLogitQuantiles", r.AbsLogitQuantiles.Length);
        return text.ToString();
    }

    private static string D(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    private static string F(float value) => BitConverter.SingleToInt32Bits(value).ToString("x8", CultureInfo.InvariantCulture);

    private static string Floats(float[] values) => $"[{values.Length}] " + string.Join(' ', values.Select(F));
}
