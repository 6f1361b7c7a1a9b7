namespace RobustGrid.Results;

/// <summary>A clean test image and its label (-1 or +1), looked up by the writer for misclassified.parquet.</summary>
public sealed record TestSample(ReadOnlyMemory<byte> Pixels, int Rows, int Columns, int Label);
