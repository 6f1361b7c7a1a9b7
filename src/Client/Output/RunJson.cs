using System.Text.Json;
using System.Text.Json.Serialization;
using RobustGrid.Core.Runs;
using RobustGrid.Results;

namespace RobustGrid.Client.Output;

/// <summary>The <c>--json</c> document of one run: camelCase, numbers as JSON numbers, enums as lower-case strings.</summary>
public static class RunJson
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new EnumNames.JsonConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(ToDocument(result), _options);

    /// <summary>Writes the document to <paramref name="path"/> through <see cref="AtomicFile"/>, so a reader never sees half a file.</summary>
    public static void WriteAtomically(RunResult result, string path) => AtomicFile.WriteAllText(path, Serialize(result));

    private static object ToDocument(RunResult r) => new
    {
        runKey = r.RunKey,
        point = new
        {
            dataset = r.Point.DatasetName,
            datasetHash = r.Point.DatasetHash,
            negativeClass = r.Point.NegativeClass,
            positiveClass = r.Point.PositiveClass,
            mode = r.Point.Mode,
            norm = r.Point.Norm,
            eps = r.Point.Eps,
            seed = r.Point.Seed,
            epochs = r.Point.HyperParameters.Epochs,
            batchSize = r.Point.HyperParameters.BatchSize,
            learningRate = r.Point.HyperParameters.LearningRate,
            reduction = r.Point.HyperParameters.Reduction,
            shuffle = r.Point.HyperParameters.Shuffle,
            attackGrid = r.Point.AttackGrid,
            clip = r.Point.Clip,
            closestCount = r.Point.ClosestCount,
        },
        trainAccuracy = r.Summary.TrainAccuracy,
        testAccuracy = r.Summary.TestAccuracy,
        eps50 = r.Summary.Eps50,
        curveArea = r.Summary.CurveArea,
        weightL1 = r.Summary.WeightL1,
        smallWeightFraction = r.Summary.SmallWeightFraction,
        clipped = r.Curve.Clipped,
        curve = r.Curve.Eps.Select((eps, g) => new { eps, accuracy = r.Curve.Accuracy[g] }),
        epochs = r.Epochs,
        misclassified = r.Misclassified.Select(m => new
        {
            eps = m.Eps,
            count = m.Count,
            closest = m.Closest.Select(c => new { testIndex = c.TestIndex, logit = c.Logit }),
            logits = m.Logits,
        }),
        bias = r.Bias,
        weights = r.Weights,
        seconds = r.Seconds,
    };
}
