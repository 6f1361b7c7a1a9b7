using Microsoft.Extensions.Logging;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Writes a coordinator's state, one write at a time (timer ticks and run reports interleave), and knows whether
/// progress has changed since the last write that succeeded. Free of Orleans: <c>write</c> is the grain's
/// <c>WriteStateAsync</c>, <c>fill</c> copies what is only in memory (the ledger's outcomes) into the state.
/// </summary>
public sealed class SweepStateWriter
{
    /// <summary>How long <see cref="TrySaveAsync"/> waits between attempts by default: a Redis restart takes seconds.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly Func<Task> _write;
    private readonly Action _fill;
    private readonly ILogger _logger;
    private readonly string _sweepId;
    private readonly TimeSpan _retryDelay;
    private volatile bool _dirty;

    /// <param name="write">Writes the state to storage; may throw (storage unreachable).</param>
    /// <param name="fill">Fills the state just before each write, while no other write runs.</param>
    /// <param name="sweepId">For the log.</param>
    /// <param name="retryDelay">The wait between attempts of <see cref="TrySaveAsync"/>; <see cref="DefaultRetryDelay"/> when null.</param>
    public SweepStateWriter(Func<Task> write, Action fill, ILogger logger, string sweepId, TimeSpan? retryDelay = null)
    {
        _write = write;
        _fill = fill;
        _logger = logger;
        _sweepId = sweepId;
        _retryDelay = retryDelay ?? DefaultRetryDelay;
    }

    /// <summary>True when progress changed since the last write that succeeded (or the last write failed).</summary>
    public bool IsDirty => _dirty;

    /// <summary>Progress changed: the next periodic save writes it.</summary>
    public void MarkDirty() => _dirty = true;

    /// <summary>Fills and writes the state, after any write in progress. A write that throws leaves the state dirty and the exception goes to the caller.</summary>
    public async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            _fill();
            _dirty = false;
            try
            {
                await _write();
            }
            catch
            {
                _dirty = true;
                throw;
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>
    /// Saves, retrying while storage is unreachable (a Redis restart), up to <paramref name="attempts"/> writes; never
    /// throws. The sweep's progress lives in the activation meanwhile; if the state is never saved, a later activation
    /// resumes from the last saved state and finished runs answer at once.
    /// </summary>
    public async Task TrySaveAsync(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync();
                return;
            }
            catch (Exception e) when (attempt < attempts)
            {
                _logger.LogWarning(e, "Saving sweep {SweepId} failed (attempt {Attempt}); retrying", _sweepId, attempt);
                await Task.Delay(_retryDelay);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Saving sweep {SweepId} failed; its progress is kept in memory", _sweepId);
                return;
            }
        }
    }
}
