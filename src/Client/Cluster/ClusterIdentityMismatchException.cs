namespace RobustGrid.Client.Cluster;

/// <summary>A gateway answered, but it serves another cluster than the one this client asked for.</summary>
public sealed class ClusterIdentityMismatchException(string gatewayClusterId, string clientClusterId)
    : Exception($"cluster identity mismatch: the gateway serves cluster id '{gatewayClusterId}', but this client asked for '{clientClusterId}'; " +
        $"pass --cluster-id {gatewayClusterId} (or set RobustGrid__ClusterId)")
{
    public string GatewayClusterId { get; } = gatewayClusterId;

    public string ClientClusterId { get; } = clientClusterId;
}
