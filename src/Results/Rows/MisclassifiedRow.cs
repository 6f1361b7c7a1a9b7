using System.Text.Json.Serialization;

namespace RobustGrid.Results;

/// <summary>
/// One row of misclassified.parquet: one of the k fooled test samples nearest the boundary at one attack eps. The
/// sample's image is in samples.parquet, joined on (dataset_hash, sample_index).
/// </summary>
public sealed class MisclassifiedRow
{
    [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";
    [JsonPropertyName("mode")] public string Mode { get; set; } = "";
    [JsonPropertyName("norm")] public string Norm { get; set; } = "";
    [JsonPropertyName("train_eps")] public double? TrainEps { get; set; }
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("dataset_hash")] public string DatasetHash { get; set; } = "";
    [JsonPropertyName("eps_index")] public int EpsIndex { get; set; }
    [JsonPropertyName("attack_eps")] public double AttackEps { get; set; }
    [JsonPropertyName("rank")] public int Rank { get; set; }
    [JsonPropertyName("sample_index")] public int SampleIndex { get; set; }
    [JsonPropertyName("label")] public int Label { get; set; }
    [JsonPropertyName("logit")] public float Logit { get; set; }
}
