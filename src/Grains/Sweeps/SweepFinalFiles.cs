using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// What a sweep writes once its Parquet files are in place: transfer.parquet when the spec asks for it (read from
/// runs.parquet, off the caller's thread), then <c>sweep.json</c>, last, so a directory with a sweep.json holds
/// exactly the results it names. Free of Orleans: the tasks' test splits come from <c>testSplit</c>.
/// </summary>
public static class SweepFinalFiles
{
    /// <param name="datasetHash">The content hash of the dataset the runs were planned on.</param>
    /// <param name="testSplit">The test split of the task (negative class, positive class) on the sweep's dataset.</param>
    public static async Task WriteAsync(string directory, SweepSpec spec, string datasetHash, Func<int, int, TaskSplit> testSplit, ILogger logger, string sweepId)
    {
        if (spec.Transfer)
        {
            var took = Stopwatch.StartNew();
            int curves = await Task.Run(() => TransferWriter.WriteAsync(directory, testSplit));
            logger.LogInformation("Sweep {SweepId}: transfer.parquet written ({Curves} curves) in {Milliseconds} ms", sweepId, curves, took.ElapsedMilliseconds);
        }
        await SweepJsonFile.WriteAsync(directory, SweepIdentity.Of(spec, datasetHash).ToJson());
    }
}
