using System.Text.Json.Serialization;

namespace RobustGrid.Results;

/// <summary>One row of curves.parquet: a run's accuracy under the exact attack at one attack eps.</summary>
public sealed class CurveRow
{
    [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";
    [JsonPropertyName("mode")] public string Mode { get; set; } = "";
    [JsonPropertyName("norm")] public string Norm { get; set; } = "";
    [JsonPropertyName("train_eps")] public double? TrainEps { get; set; }
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("clip")] public bool Clip { get; set; }
    [JsonPropertyName("eps_index")] public int EpsIndex { get; set; }
    [JsonPropertyName("attack_eps")] public double AttackEps { get; set; }
    [JsonPropertyName("robust_accuracy")] public double RobustAccuracy { get; set; }
    [JsonPropertyName("misclassified_count")] public int MisclassifiedCount { get; set; }
    [JsonPropertyName("misclassified_abs_logit_median")] public float? MisclassifiedAbsLogitMedian { get; set; }
    [JsonPropertyName("misclassified_abs_logit_quantiles")] public List<float> MisclassifiedAbsLogitQuantiles { get; set; } = [];
}
