using System.Text.Json.Serialization;

namespace RobustGrid.Results;

/// <summary>One row of epochs.parquet: a run's training history at one epoch.</summary>
public sealed class EpochRow
{
    [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";
    [JsonPropertyName("mode")] public string Mode { get; set; } = "";
    [JsonPropertyName("norm")] public string Norm { get; set; } = "";
    [JsonPropertyName("train_eps")] public double? TrainEps { get; set; }
    [JsonPropertyName("seed")] public long Seed { get; set; }
    [JsonPropertyName("epoch")] public int Epoch { get; set; }
    [JsonPropertyName("train_loss")] public double TrainLoss { get; set; }
    [JsonPropertyName("test_loss")] public double TestLoss { get; set; }
    [JsonPropertyName("train_accuracy")] public double TrainAccuracy { get; set; }
    [JsonPropertyName("test_accuracy")] public double TestAccuracy { get; set; }
    [JsonPropertyName("weight_abs_quantiles")] public List<float> WeightAbsQuantiles { get; set; } = [];
}
