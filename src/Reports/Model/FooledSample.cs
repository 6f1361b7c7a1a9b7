namespace RobustGrid.Reports.Model;

/// <summary>
/// A fooled test sample the figures show: a misclassified.parquet row of a representative run (rank 0 is nearest
/// the boundary), joined to its image in samples.parquet by (dataset_hash, sample_index).
/// </summary>
internal sealed record FooledSample(string RunKey, int EpsIndex, int Rank, int SampleIndex, int Label, float Logit, byte[] Image, int ImageRows, int ImageColumns);
