using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Tests;

/// <summary>Gets the runs.parquet row of a record through the writer's own mapping, via a written file.</summary>
internal static class Map
{
    public static RunRow Run(RunRecord record)
    {
        string dir = Path.Combine(Path.GetTempPath(), "robustgrid-map-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            SweepResultsWriter.WriteAsync(dir, "s", [record], SampleRuns.Sample).GetAwaiter().GetResult();
            return SweepResultsReader.ReadRunsAsync(dir).GetAwaiter().GetResult().Single();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
