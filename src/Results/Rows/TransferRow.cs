using System.Text.Json.Serialization;

namespace RobustGrid.Results;

/// <summary>One row of transfer.parquet: a target run's accuracy on the test split attacked against a source run at one attack eps.</summary>
public sealed class TransferRow
{
    [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
    [JsonPropertyName("negative_class")] public int NegativeClass { get; set; }
    [JsonPropertyName("positive_class")] public int PositiveClass { get; set; }
    [JsonPropertyName("norm")] public string Norm { get; set; } = "";
    [JsonPropertyName("clip")] public bool Clip { get; set; }
    [JsonPropertyName("relation")] public string Relation { get; set; } = "";
    [JsonPropertyName("source_run_key")] public string SourceRunKey { get; set; } = "";
    [JsonPropertyName("source_mode")] public string SourceMode { get; set; } = "";
    [JsonPropertyName("source_train_eps")] public double? SourceTrainEps { get; set; }
    [JsonPropertyName("source_seed")] public long SourceSeed { get; set; }
    [JsonPropertyName("target_run_key")] public string TargetRunKey { get; set; } = "";
    [JsonPropertyName("target_mode")] public string TargetMode { get; set; } = "";
    [JsonPropertyName("target_train_eps")] public double? TargetTrainEps { get; set; }
    [JsonPropertyName("target_seed")] public long TargetSeed { get; set; }
    [JsonPropertyName("eps_index")] public int EpsIndex { get; set; }
    [JsonPropertyName("attack_eps")] public double AttackEps { get; set; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; set; }
}
