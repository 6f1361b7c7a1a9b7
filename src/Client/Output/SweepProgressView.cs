using RobustGrid.Grains.Contracts.Grains;
using RobustGrid.Grains.Contracts.Messages;
using Spectre.Console;

namespace RobustGrid.Client.Output;

/// <summary>Follows a sweep to its end: a live bar with done, failed and ETA on a terminal, a line every few seconds otherwise.</summary>
public static class SweepProgressView
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(200);

    public static async Task<SweepProgress> FollowAsync(ISweepGrain sweep, SweepProgress progress, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await FollowPlainAsync(sweep, progress, cancellationToken);
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask(Describe(progress), maxValue: Math.Max(1, progress.Total));
                while (!progress.IsFinished)
                {
                    await Task.Delay(_poll, cancellationToken);
                    progress = await sweep.GetProgressAsync();
                    bar.Value = progress.Completed + progress.Failed;
                    bar.Description = Describe(progress);
                }
                bar.Value = bar.MaxValue;
            });
        return progress;
    }

    private static async Task<SweepProgress> FollowPlainAsync(ISweepGrain sweep, SweepProgress progress, CancellationToken cancellationToken)
    {
        DateTime started = DateTime.UtcNow, lastLine = DateTime.MinValue;
        while (!progress.IsFinished)
        {
            await Task.Delay(_poll, cancellationToken);
            progress = await sweep.GetProgressAsync();
            if (DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(2) || progress.IsFinished)
            {
                lastLine = DateTime.UtcNow;
                int finished = progress.Completed + progress.Failed;
                string eta = finished == 0 || progress.IsFinished ? "" : $", ETA {TimeSpan.FromSeconds((DateTime.UtcNow - started).TotalSeconds / finished * (progress.Total - finished)):mm\\:ss}";
                Console.WriteLine($"{Describe(progress)}{eta}");
            }
        }
        return progress;
    }

    private static string Describe(SweepProgress p) =>
        p.Phase == SweepPhase.Writing ? $"writing results ({p.Completed} done, {p.Failed} failed)" : $"{p.Completed}/{p.Total} done, {p.Failed} failed, {p.Running} running";
}
