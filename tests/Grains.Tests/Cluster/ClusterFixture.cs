using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using RobustGrid.Hosting;

namespace RobustGrid.Grains.Tests.Cluster;

/// <summary>One in-process cluster of three silos shared by the cluster tests; each test uses fresh sweep ids.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _results = new("tests");

    public string ResultsRoot => _results.Path;

    public TestCluster Cluster { get; private set; } = null!;

    protected virtual TimeSpan? ResponseTimeout => null;

    protected virtual short Silos => 3;

    /// <summary>Settings added to (or overriding) the shared ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>(Settings)
        {
            ["RobustGrid:ResultsDirectory"] = ResultsRoot,
            ["RobustGrid:MaxRunsPerSweep"] = "5000",
            // The three silos share this process's two cores: one training slot each leaves room for Orleans.
            ["RobustGrid:RunSlots"] = "1",
            ["Test:ResponseTimeoutMs"] = ResponseTimeout?.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _results.Dispose();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddRobustGridGrains(silo.Configuration);
            if (silo.Configuration["Test:ResponseTimeoutMs"] is { Length: > 0 } ms)
            {
                silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            client.AddActivityPropagation();
            if (configuration["Test:ResponseTimeoutMs"] is { Length: > 0 } ms)
            {
                client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }
}

/// <summary>A cluster whose response timeout is shorter than one run: proves no call waits for a run.</summary>
public sealed class ShortTimeoutClusterFixture : ClusterFixture
{
    protected override TimeSpan? ResponseTimeout => TimeSpan.FromSeconds(2);
}

/// <summary>One silo that trains every run alone (RobustGrid:Training:GroupSize 1): the reference for fused sweeps.</summary>
public sealed class OneAtATimeClusterFixture : ClusterFixture
{
    protected override short Silos => 1;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RobustGrid:Training:GroupSize"] = "1" };
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
