namespace RobustGrid.Results;

/// <summary>
/// A test sample a misclassified row names: its index in the dataset's test split and class, its label in the run's
/// binary task (-1 or +1), and its clean image (rows x columns bytes, row-major).
/// </summary>
public sealed record TestSample(int SampleIndex, int Class, int Label, ReadOnlyMemory<byte> Pixels, int Rows, int Columns);
