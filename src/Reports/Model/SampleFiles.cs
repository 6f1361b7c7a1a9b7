namespace RobustGrid.Reports.Model;

/// <summary>The file names of the sample layout: misclassified rows name a test sample, whose image is stored once in samples.parquet.</summary>
internal static class SampleFiles
{
    public const string Samples = "samples.parquet";
}
