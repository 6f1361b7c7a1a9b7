using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using RobustGrid.Grains;
using RobustGrid.Grains.Data;
using RobustGrid.Grains.Runs;
using RobustGrid.Hosting.Storage;
using StackExchange.Redis;

namespace RobustGrid.Hosting;

/// <summary>The one place a silo is set up for RobustGrid: clustering, storage, reminders, grain services and activity propagation.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Membership failure-detection settings (Orleans' ClusterMembershipOptions), e.g. RobustGrid:Membership:ProbeTimeout.</summary>
    public const string MembershipSection = RobustGridOptions.Section + ":Membership";

    /// <summary>Clustering and endpoints from the "RobustGrid" section, then <see cref="AddRobustGridGrains"/>.</summary>
    public static ISiloBuilder UseRobustGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        RobustGridOptions options = configuration.GetRobustGridOptions();
        switch (options.Clustering.ToLowerInvariant())
        {
            case "localhost":
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                ConfigureIdentity(silo, options);
                break;
            case "redis":
                silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(options));
                ConfigureIdentity(silo, options);
                break;
            case "kubernetes":
                // Pod name and the service and cluster ids come from the pod (Orleans' Kubernetes hosting); the address
                // is RobustGrid:AdvertisedAddress, which the Deployment sets to the pod IP. Membership is kept in Redis.
                silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(options));
                silo.UseKubernetesHosting();
                ConfigureEndpoints(silo, options);
                break;
            default:
                throw new InvalidOperationException($"Unknown RobustGrid:Clustering '{options.Clustering}'; use Localhost, Redis or Kubernetes.");
        }
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        if (options.DistributedDirectory)
        {
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10: opted into by configuration only
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        }
        return silo.AddRobustGridGrains(configuration);
    }

    /// <summary>Grain storage (memory, Redis or files) and reminders (Redis with Redis storage, else memory), the per-silo dataset cache and run gate, options and activity propagation.</summary>
    public static ISiloBuilder AddRobustGridGrains(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        RobustGridOptions options = configuration?.GetRobustGridOptions() ?? new RobustGridOptions();
        StorageKind storage = ChooseStorage(options);
        foreach (string name in new[] { StorageNames.Sweeps })
        {
            // Orleans' binary serializer, not the default JSON one (a run record, when run grains stored theirs, cost more
            // as JSON text than the run itself).
            switch (storage)
            {
                case StorageKind.Redis:
                    silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = RedisConfiguration(options));
                    silo.Services.AddOptions<RedisStorageOptions>(name)
                        .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                    break;
                case StorageKind.File:
                    silo.AddFileGrainStorage(name, options.StateDirectoryOrDefault());
                    silo.Services.AddOptions<FileGrainStorageOptions>(name)
                        .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                    break;
                default:
                    silo.AddMemoryGrainStorage(name);
                    silo.Services.AddOptions<MemoryGrainStorageOptions>(name)
                        .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                    break;
            }
        }
        // File storage is for one machine: its reminders stay in memory (a sweep resumes when it is next asked).
        if (storage == StorageKind.Redis)
        {
            silo.UseRedisReminderService(o => o.ConfigurationOptions = RedisConfiguration(options));
        }
        else
        {
            silo.UseInMemoryReminderService();
        }
        // A sweep addresses each run grain a few times within seconds of each other; Orleans' directory cache of a
        // million entries would keep one for every run of a 100,000-run sweep.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = 10_000);
        silo.AddActivityPropagation();
        silo.Services.AddSingleton<TaskCache>();
        silo.Services.AddSingleton(new RunExecutionGate(options.RunSlots > 0 ? options.RunSlots : Environment.ProcessorCount));
        silo.AddFusedTraining(configuration);
        if (configuration is not null)
        {
            silo.Services.Configure<RobustGridOptions>(configuration.GetSection(RobustGridOptions.Section));
        }
        return silo;
    }

    public static RobustGridOptions GetRobustGridOptions(this IConfiguration configuration) =>
        configuration.GetSection(RobustGridOptions.Section).Get<RobustGridOptions>() ?? new RobustGridOptions();

    /// <summary>RobustGrid:Storage, any case; unset, storage follows clustering: Redis membership means durable Redis storage, else memory.</summary>
    public static StorageKind ChooseStorage(RobustGridOptions options) => options.Storage.ToLowerInvariant() switch
    {
        "redis" => StorageKind.Redis,
        "memory" => StorageKind.Memory,
        "file" => StorageKind.File,
        "" => options.Clustering.ToLowerInvariant() is "redis" or "kubernetes" ? StorageKind.Redis : StorageKind.Memory,
        _ => throw new InvalidOperationException($"Unknown RobustGrid:Storage '{options.Storage}'; use Memory, Redis or File."),
    };

    /// <summary>
    /// The Redis connection from <see cref="RobustGridOptions.Redis"/> (password, ssl and the rest as written). An
    /// unreachable server fails start-up within the connect timeout (5 s unless the string sets connectTimeout)
    /// instead of retrying for ever.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(RobustGridOptions options)
    {
        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(options.Redis);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"RobustGrid:Redis '{options.Redis}' is not a Redis configuration string: {e.Message}", e);
        }
        redis.AbortOnConnectFail = true;
        if (!options.Redis.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            redis.ConnectTimeout = 5000;
        }
        return redis;
    }

    private static void ConfigureIdentity(ISiloBuilder silo, RobustGridOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        ConfigureEndpoints(silo, options);
    }

    /// <summary>
    /// Advertise <see cref="SiloEndpoints.Advertised"/> and listen on <see cref="SiloEndpoints.Listen"/>: loopback stays
    /// loopback; a container's or pod's address is advertised while the silo listens on every address. With Kubernetes
    /// hosting these values win over the pod's (its hosting sets only what is unset); the Deployment passes the pod IP.
    /// </summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, RobustGridOptions options)
    {
        SiloEndpoints endpoints = SiloEndpoints.Resolve(options);
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = endpoints.Advertised;
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.GatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(endpoints.Listen, options.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(endpoints.Listen, options.GatewayPort);
        });
    }
}
