namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>A real silo process (src/Silo) of a Redis-clustered test cluster, on its own loopback ports.</summary>
internal sealed class SiloProcess : IDisposable
{
    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort)
    {
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public ChildProcess Process { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string Gateway => $"127.0.0.1:{GatewayPort}";

    /// <summary>True when an Orleans silo address ("S127.0.0.1:port:generation") is this silo's.</summary>
    public bool Is(string? siloAddress) => siloAddress is not null && siloAddress.Contains($":{SiloPort}:", StringComparison.Ordinal);

    public static SiloProcess Start(string name, string redis, string clusterId, string results, params string[] extra)
    {
        int siloPort = Ports.Free(), gatewayPort = Ports.Free();
        string[] arguments =
        [
            BuildOutput.Silo,
            "--RobustGrid:Clustering=Redis",
            $"--RobustGrid:Redis={redis}",
            $"--RobustGrid:ClusterId={clusterId}",
            $"--RobustGrid:SiloPort={siloPort}",
            $"--RobustGrid:GatewayPort={gatewayPort}",
            $"--RobustGrid:ResultsDirectory={results}",
            "--RobustGrid:RunCheckSeconds=1",
            // Notice a dead silo in seconds, not the production default's tens of seconds.
            "--RobustGrid:Membership:ProbeTimeout=00:00:02",
            "--RobustGrid:Membership:NumMissedProbesLimit=2",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ];
        return new SiloProcess(ChildProcess.Start(name, "dotnet", arguments), siloPort, gatewayPort);
    }

    public void Dispose() => Process.Dispose();
}
