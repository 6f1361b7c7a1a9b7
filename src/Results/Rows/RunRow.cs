using System.Text.Json.Serialization;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results;

/// <summary>One row of runs.parquet: a run point, its status and its summary metrics (see docs/RESULTS-SCHEMA.md).</summary>
public sealed class RunRow
{
    /// <summary>The status column's value for a completed run (the run status's name, <see cref="EnumNames"/>); the other is "failed".</summary>
    public static readonly string CompletedStatus = EnumNames.Name(RunStatus.Completed);

    [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";
    [JsonPropertyName("dataset_name")] public string DatasetName { get; set; } = "";
    [JsonPropertyName("dataset_hash")] public string DatasetHash { get; set; } = "";
    [JsonPropertyName("dataset_source")] public string DatasetSource { get; set; } = "";
    [JsonPropertyName("negative_class")] public int NegativeClass { get; set; }
    [JsonPropertyName("positive_class")] public int PositiveClass { get; set; }
    [JsonPropertyName("mode")] public string Mode { get; set; } = "";
    [JsonPropertyName("norm")] public string Norm { get; set; } = "";
    [JsonPropertyName("train_eps")] public double? TrainEps { get; set; }
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("epochs")] public int Epochs { get; set; }
    [JsonPropertyName("batch_size")] public int BatchSize { get; set; }
    [JsonPropertyName("learning_rate")] public float LearningRate { get; set; }
    [JsonPropertyName("reduction")] public string Reduction { get; set; } = "";
    [JsonPropertyName("shuffle")] public bool Shuffle { get; set; }
    [JsonPropertyName("attack_eps_start")] public double AttackEpsStart { get; set; }
    [JsonPropertyName("attack_eps_stop")] public double AttackEpsStop { get; set; }
    [JsonPropertyName("attack_eps_count")] public int AttackEpsCount { get; set; }
    [JsonPropertyName("clip")] public bool Clip { get; set; }
    [JsonPropertyName("closest_count")] public int ClosestCount { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("silo")] public string Silo { get; set; } = "";
    [JsonPropertyName("duration_seconds")] public double DurationSeconds { get; set; }
    [JsonPropertyName("train_accuracy")] public double? TrainAccuracy { get; set; }
    [JsonPropertyName("test_accuracy")] public double? TestAccuracy { get; set; }
    [JsonPropertyName("eps50")] public double? Eps50 { get; set; }
    [JsonPropertyName("curve_area")] public double? CurveArea { get; set; }
    [JsonPropertyName("weight_l1")] public double? WeightL1 { get; set; }
    [JsonPropertyName("small_weight_fraction")] public double? SmallWeightFraction { get; set; }
    [JsonPropertyName("bias")] public float? Bias { get; set; }
    [JsonPropertyName("weights")] public List<float> Weights { get; set; } = [];
}
