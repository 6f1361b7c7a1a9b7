using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Tests;

/// <summary>Gets the runs.parquet row of a record through the writer's own mapping, via a written file.</summary>
internal static class Map
{
    public static RunRow Run(RunRecord record)
    {
        using var dir = new TempDirectory("map");
        SweepResultsWriter.WriteAsync(dir.Path, "s", [record], SampleRuns.Sample).GetAwaiter().GetResult();
        return SweepResultsReader.ReadRunsAsync(dir.Path).GetAwaiter().GetResult().Single();
    }
}
