namespace RobustGrid.Reports.Model;

/// <summary>
/// A fooled test sample the fooling-examples figure shows: a rank-0 misclassified.parquet row of a representative
/// run, joined to its image in samples.parquet by (dataset_hash, sample_index).
/// </summary>
internal sealed record FooledSample(string RunKey, int EpsIndex, int SampleIndex, int Label, float Logit, byte[] Image, int ImageRows, int ImageColumns);
