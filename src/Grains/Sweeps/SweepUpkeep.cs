using Microsoft.Extensions.Logging;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// What keeps a running sweep going: a timer in its activation (save progress, ask the runs in flight again) and a
/// one-minute reminder that wakes the sweep on another silo when its own dies with no client asking. The timer stops
/// when the runs have ended; the reminder once the finished sweep is saved.
/// </summary>
internal sealed class SweepUpkeep(IGrainBase grain, ILogger logger, string sweepId)
{
    public const string ResumeReminder = "resume";

    private static readonly TimeSpan _resumeEvery = TimeSpan.FromMinutes(1);

    private IGrainTimer? _watch;

    /// <summary>Registers the reminder and (re)starts the timer: <paramref name="watch"/> every <paramref name="checkSeconds"/> (at least 0.1 s), interleaving with calls.</summary>
    public async Task StartAsync(Func<CancellationToken, Task> watch, double checkSeconds)
    {
        await grain.RegisterOrUpdateReminder(ResumeReminder, _resumeEvery, _resumeEvery);
        TimeSpan every = TimeSpan.FromSeconds(Math.Max(0.1, checkSeconds));
        _watch?.Dispose();
        _watch = grain.RegisterGrainTimer(watch, new GrainTimerCreationOptions(every, every) { Interleave = true, KeepAlive = true });
    }

    /// <summary>Stops the timer: nothing is left to watch.</summary>
    public void StopWatching()
    {
        _watch?.Dispose();
        _watch = null;
    }

    /// <summary>Unregisters the reminder; a failure is logged and left (the next tick of a finished sweep tries again).</summary>
    public async Task StopRemindingAsync()
    {
        try
        {
            IGrainReminder? reminder = await grain.GetReminder(ResumeReminder);
            if (reminder is not null)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not unregister the resume reminder of sweep {SweepId}", sweepId);
        }
    }
}
