using RobustGrid.Results.Layout;
using System.Text.Json.Serialization;
using Parquet.Serialization;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>misclassified.parquet as RobustGrid wrote it before samples.parquet: the task's test index and the image in every row.</summary>
internal static class OlderLayout
{
    public static async Task WriteMisclassifiedAsync(string directory, IEnumerable<MisclassifiedRow> rows, Func<MisclassifiedRow, byte[]> image)
    {
        var old = rows.Select(m => new Row
        {
            SweepId = m.SweepId, RunKey = m.RunKey, Mode = m.Mode, Norm = m.Norm, TrainEps = m.TrainEps, Seed = m.Seed, EpsIndex = m.EpsIndex,
            AttackEps = m.AttackEps, Rank = m.Rank, TestIndex = m.SampleIndex, Label = m.Label, Logit = m.Logit, Image = image(m), ImageRows = 28, ImageColumns = 28,
        }).ToList();
        await using var stream = File.Create(Path.Combine(directory, SweepTables.SingleFileName(SweepTables.Misclassified)));
        await ParquetSerializer.SerializeAsync(old, stream);
    }

    private sealed class Row
    {
        [JsonPropertyName("sweep_id")] public string SweepId { get; set; } = "";
        [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";
        [JsonPropertyName("mode")] public string Mode { get; set; } = "";
        [JsonPropertyName("norm")] public string Norm { get; set; } = "";
        [JsonPropertyName("train_eps")] public double? TrainEps { get; set; }
        [JsonPropertyName("seed")] public long Seed { get; set; }
        [JsonPropertyName("eps_index")] public int EpsIndex { get; set; }
        [JsonPropertyName("attack_eps")] public double AttackEps { get; set; }
        [JsonPropertyName("rank")] public int Rank { get; set; }
        [JsonPropertyName("test_index")] public int TestIndex { get; set; }
        [JsonPropertyName("label")] public int Label { get; set; }
        [JsonPropertyName("logit")] public float Logit { get; set; }
        [JsonPropertyName("image")] public byte[] Image { get; set; } = [];
        [JsonPropertyName("image_rows")] public int ImageRows { get; set; }
        [JsonPropertyName("image_columns")] public int ImageColumns { get; set; }
    }
}
