using RobustGrid.Grains;

namespace RobustGrid.Hosting;

/// <summary>Why a silo could not start, in one line for an operator.</summary>
public static class SiloStartFailure
{
    public static string Describe(Exception e, RobustGridOptions options)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            // The Redis providers sometimes wrap the connection error in their own exception, by message only.
            if (inner is StackExchange.Redis.RedisConnectionException || inner.Message.Contains("RedisConnectionException", StringComparison.Ordinal))
            {
                return $"Redis at '{RedactPassword(options.Redis)}' is unreachable (it was not possible to connect to the Redis server); check RobustGrid:Redis and that the server is up.";
            }
            // Kestrel's, for the health or dashboard port: "Failed to bind to address http://...: address already in use."
            if (inner is IOException http && http.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal))
            {
                return $"cannot serve HTTP (RobustGrid:HealthPort {options.HealthPort}{(options.Dashboard ? $", DashboardPort {options.DashboardPort}" : "")}): {http.Message}";
            }
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return $"cannot use the silo or gateway port ({options.SiloPort}, {options.GatewayPort}; RobustGrid:AdvertisedAddress '{options.AdvertisedAddress}'): {socket.Message}.";
            }
        }
        Exception root = e;
        while (root.InnerException is not null && root is AggregateException or Orleans.Runtime.OrleansLifecycleCanceledException)
        {
            root = root.InnerException;
        }
        return root.Message;
    }

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public static string RedactPassword(string redis) =>
        string.Join(',', redis.Split(',').Select(part => part.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : part));
}
