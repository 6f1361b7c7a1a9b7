using Microsoft.Extensions.Logging;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// Writes a coordinator's state, one write at a time (timer ticks, run reports and commits interleave), and knows
/// whether progress has changed since the last write that succeeded. Free of Orleans: <c>write</c> is the grain's
/// <c>WriteStateAsync</c>, <c>fill</c> copies what is only in memory (the ledger's outcomes, the commits) into the
/// state, and <c>isFenced</c> recognises the storage's refusal of a write made with an outdated etag: another
/// activation of the sweep wrote since, so this one is stale and must stop (<see cref="Fenced"/>).
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
    private readonly Func<Exception, bool> _isFenced;
    private volatile bool _dirty;
    private volatile bool _fenced;

    /// <param name="write">Writes the state to storage; may throw (storage unreachable).</param>
    /// <param name="fill">Fills the state just before each write, while no other write runs.</param>
    /// <param name="sweepId">For the log.</param>
    /// <param name="retryDelay">The wait between attempts of <see cref="TrySaveAsync"/>; <see cref="DefaultRetryDelay"/> when null.</param>
    /// <param name="isFenced">True for the storage's refusal of a stale write (Orleans' InconsistentStateException); never by default.</param>
    public SweepStateWriter(Func<Task> write, Action fill, ILogger logger, string sweepId, TimeSpan? retryDelay = null, Func<Exception, bool>? isFenced = null)
    {
        _isFenced = isFenced ?? (_ => false);
        _write = write;
        _fill = fill;
        _logger = logger;
        _sweepId = sweepId;
        _retryDelay = retryDelay ?? DefaultRetryDelay;
    }

    /// <summary>True when progress changed since the last write that succeeded (or the last write failed).</summary>
    public bool IsDirty => _dirty;

    /// <summary>True once storage refused a write as stale: another activation owns the sweep, and nothing more is written.</summary>
    public bool Fenced => _fenced;

    /// <summary>Progress changed: the next periodic save writes it.</summary>
    public void MarkDirty() => _dirty = true;

    /// <summary>
    /// Fills and writes the state, after any write in progress. A write that throws leaves the state dirty and the
    /// exception goes to the caller; once fenced, every save throws <see cref="SweepFencedException"/>.
    /// </summary>
    public async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            if (_fenced)
            {
                throw new SweepFencedException(_sweepId);
            }
            _fill();
            _dirty = false;
            try
            {
                await _write();
            }
            catch (Exception e) when (_isFenced(e))
            {
                _fenced = true;
                throw new SweepFencedException(_sweepId, e);
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
            catch (SweepFencedException e)
            {
                _logger.LogWarning("{Message}", e.Message);
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

    /// <summary>
    /// Saves a commit: retries while storage is unreachable until it is written or <paramref name="cancellationToken"/>
    /// ends the wait; throws <see cref="SweepFencedException"/> when another activation owns the sweep (that one commits).
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync();
                return;
            }
            catch (Exception e) when (e is not SweepFencedException && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Committing sweep {SweepId} failed (attempt {Attempt}); retrying", _sweepId, attempt);
                await Task.Delay(_retryDelay, cancellationToken);
            }
        }
    }
}
