using Microsoft.Extensions.DependencyInjection;
using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Hosting;

/// <summary>What a process that hosts its own silo (the CLI) may hand it or ask it, without reaching into the grains.</summary>
public static class LocalSilo
{
    /// <summary>
    /// Hands the silo's dataset cache <paramref name="dataset"/>, already loaded from <paramref name="reference"/> in this
    /// process (the CLI loads a sweep's dataset to name the sweep), so the silo does not load it again.
    /// </summary>
    public static void RememberDataset(IServiceProvider silo, DatasetRef reference, Dataset dataset) =>
        silo.GetService<TaskCache>()?.Remember(reference, dataset);

    /// <summary>The silo's trainer so far, as one line ("400 runs trained in 61 groups, ..."); null without one.</summary>
    public static string? TrainingSummary(IServiceProvider silo) =>
        silo.GetService<SiloTrainer>() is { } trainer
            ? $"{trainer.Trained.Runs} runs trained in {trainer.Trained.Groups} groups, {trainer.MeanRunSeconds * 1000:0.0} ms per run in its grain"
            : null;
}
