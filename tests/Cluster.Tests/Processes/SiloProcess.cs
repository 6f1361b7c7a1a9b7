namespace RobustGrid.Cluster.Tests.Processes;

/// <summary>A real silo process (src/Silo) of a Redis-clustered test cluster, on its own loopback ports.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly string[] _arguments;

    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort, string[] arguments)
    {
        Process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _arguments = arguments;
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
        return new SiloProcess(ChildProcess.Start(name, "dotnet", arguments), siloPort, gatewayPort, arguments);
    }

    /// <summary>The same silo started again, on the same ports (so clients' gateway lists stay good): a new generation of it.</summary>
    public SiloProcess Restart() => new(ChildProcess.Start(Process.Name, "dotnet", _arguments), SiloPort, GatewayPort, _arguments);

    public void Dispose() => Process.Dispose();
}
