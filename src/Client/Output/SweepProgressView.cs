using RobustGrid.Grains.Contracts.Calls;
using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Contracts.Sweeps;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>
/// Follows a sweep to its end: a live bar with done, failed and ETA on a terminal, a line every few seconds otherwise.
/// A poll that fails (the coordinator's silo died and the cluster has not noticed yet) is retried for up to
/// <see cref="Unreachable"/>: the sweep resumes on another silo and the next poll finds it there. Any failure is
/// retried, a cancelled call too (Orleans cancels its directory lookup while a silo rejoins); only the caller's own
/// cancellation (Ctrl+C) ends the poll.
/// </summary>
public static class SweepProgressView
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the sweep may stay unreachable before the command gives up (the sweep itself goes on).</summary>
    public static TimeSpan Unreachable { get; } = TimeSpan.FromMinutes(3);

    /// <summary>The sweep's progress, retrying failed calls for up to <see cref="Unreachable"/>.</summary>
    public static async Task<SweepProgress> PollAsync(ISweepGrain sweep, CancellationToken cancellationToken)
    {
        try
        {
            return await ClusterCall.UntilAnsweredAsync(sweep.GetProgressAsync, Unreachable, cancellationToken, retryDelay: TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the sweep has been unreachable for {Unreachable.TotalMinutes:0} minutes ({e.InnerException?.Message ?? e.Message}); it goes on in the cluster: reattach with robustgrid sweep --attach {sweep.GetPrimaryKeyString()}", e);
        }
    }

    public static async Task<SweepProgress> FollowAsync(ISweepGrain sweep, SweepProgress progress, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await FollowPlainAsync(sweep, progress, cancellationToken);
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask(Describe(progress), maxValue: Math.Max(1, progress.Total));
                var following = System.Diagnostics.Stopwatch.StartNew();
                int finishedAtStart = Finished(progress);
                while (!progress.IsFinished)
                {
                    await Task.Delay(_poll, cancellationToken);
                    progress = await PollAsync(sweep, cancellationToken);
                    bar.Value = Finished(progress);
                    bar.Description = Describe(progress) + Eta(finishedAtStart, progress, following.Elapsed);
                }
                bar.Value = bar.MaxValue;
            });
        return progress;
    }

    private static async Task<SweepProgress> FollowPlainAsync(ISweepGrain sweep, SweepProgress progress, CancellationToken cancellationToken)
    {
        var following = System.Diagnostics.Stopwatch.StartNew();
        int finishedAtStart = Finished(progress);
        TimeSpan nextLine = TimeSpan.Zero;
        while (!progress.IsFinished)
        {
            await Task.Delay(_poll, cancellationToken);
            progress = await PollAsync(sweep, cancellationToken);
            if (following.Elapsed >= nextLine || progress.IsFinished)
            {
                nextLine = following.Elapsed + TimeSpan.FromSeconds(2);
                Console.WriteLine(Describe(progress) + (progress.IsFinished ? "" : Eta(finishedAtStart, progress, following.Elapsed)));
            }
        }
        return progress;
    }

    private static int Finished(SweepProgress p) => p.Completed + p.Failed;

    private static string Eta(int finishedAtStart, SweepProgress p, TimeSpan following) =>
        SweepEta.Estimate(finishedAtStart, Finished(p), p.Total, following) is { } left ? $", ETA {SweepEta.Format(left)}" : "";

    private static string Describe(SweepProgress p) =>
        p.Phase == SweepPhase.Writing ? $"writing results ({p.Completed} done, {p.Failed} failed)" : $"{p.Completed}/{p.Total} done, {p.Failed} failed, {p.Running} running";
}
