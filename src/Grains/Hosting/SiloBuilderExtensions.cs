using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;

namespace RobustGrid.Grains.Hosting;

/// <summary>The one place a silo is set up for RobustGrid: clustering, storage, grain services and activity propagation.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Clustering and endpoints from the "RobustGrid" section, then <see cref="AddRobustGridGrains"/>.</summary>
    public static ISiloBuilder UseRobustGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        RobustGridOptions options = configuration.GetRobustGridOptions();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        switch (options.Clustering.ToLowerInvariant())
        {
            case "localhost":
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                break;
            default:
                throw new InvalidOperationException($"Unknown RobustGrid:Clustering '{options.Clustering}'; this build supports 'Localhost'.");
        }
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = IPAddress.Parse(options.AdvertisedAddress);
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Parse(options.AdvertisedAddress), options.GatewayPort);
        });
        return silo.AddRobustGridGrains(configuration);
    }

    /// <summary>Grain storage (memory), the per-silo dataset cache and run gate, options and activity propagation.</summary>
    public static ISiloBuilder AddRobustGridGrains(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        RobustGridOptions options = configuration?.GetRobustGridOptions() ?? new RobustGridOptions();
        foreach (string storage in new[] { StorageNames.Runs, StorageNames.Sweeps })
        {
            silo.AddMemoryGrainStorage(storage);
            // Orleans' binary serializer, not the default JSON one: a run record holds thousands of numbers, and JSON
            // text for each state write cost more than the run itself.
            silo.Services.AddOptions<MemoryGrainStorageOptions>(storage)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }
        silo.AddActivityPropagation();
        silo.Services.AddSingleton<TaskCache>();
        silo.Services.AddSingleton(new RunExecutionGate(options.RunSlots > 0 ? options.RunSlots : Environment.ProcessorCount));
        if (configuration is not null)
        {
            silo.Services.Configure<RobustGridOptions>(configuration.GetSection(RobustGridOptions.Section));
        }
        return silo;
    }

    public static RobustGridOptions GetRobustGridOptions(this IConfiguration configuration) =>
        configuration.GetSection(RobustGridOptions.Section).Get<RobustGridOptions>() ?? new RobustGridOptions();
}
