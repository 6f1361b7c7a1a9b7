using System.Text.Json.Serialization;

namespace RobustGrid.Results;

/// <summary>One row of samples.parquet: a test sample that misclassified rows name, with its image, stored once per sweep.</summary>
public sealed class SampleRow
{
    [JsonPropertyName("dataset_hash")] public string DatasetHash { get; set; } = "";
    [JsonPropertyName("sample_index")] public int SampleIndex { get; set; }
    [JsonPropertyName("class")] public int Class { get; set; }
    [JsonPropertyName("image")] public byte[] Image { get; set; } = [];
    [JsonPropertyName("image_rows")] public int ImageRows { get; set; }
    [JsonPropertyName("image_columns")] public int ImageColumns { get; set; }
}
