namespace RobustGrid.Client.Cluster;

/// <summary>
/// The cluster and service ids a client asks the gateway for: --cluster-id and --service-id, else the silos' own
/// configuration keys as environment variables (RobustGrid__ClusterId, RobustGrid__ServiceId), else "robustgrid".
/// </summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId)
{
    public const string Default = "robustgrid";

    public static ClusterIdentity Resolve(string? clusterId = null, string? serviceId = null) => new(
        NonEmpty(clusterId) ?? NonEmpty(Environment.GetEnvironmentVariable("RobustGrid__ClusterId")) ?? Default,
        NonEmpty(serviceId) ?? NonEmpty(Environment.GetEnvironmentVariable("RobustGrid__ServiceId")) ?? Default);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
