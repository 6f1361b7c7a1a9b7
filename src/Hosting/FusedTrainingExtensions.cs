using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Hosting;

/// <summary>Registers a silo's trainer (<see cref="SiloTrainer"/>) and its "RobustGrid:Training" knobs.</summary>
public static class FusedTrainingExtensions
{
    /// <summary>
    /// Adds the silo's <see cref="SiloTrainer"/>, training on the silo's <see cref="RunExecutionGate"/> slots, with
    /// <see cref="FusedTrainingOptions"/> from <paramref name="configuration"/> (defaults without one). Throws
    /// <see cref="InvalidOperationException"/> for invalid knobs.
    /// </summary>
    public static ISiloBuilder AddFusedTraining(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        FusedTrainingOptions options = configuration?.GetSection(FusedTrainingOptions.Section).Get<FusedTrainingOptions>() ?? new FusedTrainingOptions();
        IReadOnlyList<string> faults = options.Validate();
        if (faults.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", faults));
        }
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton(services => new SiloTrainer(
            services.GetRequiredService<RunExecutionGate>(), options, services.GetRequiredService<ILogger<SiloTrainer>>()));
        return silo;
    }
}
