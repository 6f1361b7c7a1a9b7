using Microsoft.Extensions.Logging;
using RobustGrid.Results.Layout;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Records a coordinator's commits, free of Orleans: when the stream has put the first <c>parts</c> parts in place,
/// <see cref="Committed"/> moves on and the state is saved through <see cref="SweepStateWriter.CommitAsync"/> (written
/// with the state's etag, so of two activations of one sweep only one commits: the other's write is refused and it
/// gets <see cref="SweepFencedException"/>), then <c>manifest.json</c> is rewritten for readers.
/// </summary>
public sealed class SweepCommitter(SweepStateWriter writer, string sweepDirectory, string sweepId, int total, int committed, ILogger logger)
{
    /// <summary>Runs (in key order) whose parts are committed, as the state's fill takes it.</summary>
    public int Committed { get; private set; } = committed;

    /// <summary>Records that the first <paramref name="parts"/> parts are in place; throws <see cref="SweepFencedException"/> when another activation owns the sweep.</summary>
    public async Task CommitAsync(int parts, CancellationToken cancellationToken)
    {
        Committed = SweepTables.PartRange(parts - 1, total).End;
        await writer.CommitAsync(cancellationToken);
        try
        {
            SweepManifest.Of(sweepId, total, parts, complete: false).Write(sweepDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Sweep {SweepId}: manifest.json not updated ({Error}); the next commit writes it", sweepId, e.Message);
        }
    }
}
