namespace RobustGrid.Grains;

/// <summary>The "RobustGrid" configuration section of a silo.</summary>
public sealed class RobustGridOptions
{
    public const string Section = "RobustGrid";

    /// <summary>Root of the sweeps' result directories (&lt;root&gt;/&lt;sweep-id&gt;/).</summary>
    public string ResultsDirectory { get; set; } = "results";

    /// <summary>The largest grid a sweep may expand to.</summary>
    public int MaxRunsPerSweep { get; set; } = Contracts.Sweeps.SweepSpecLimits.DefaultMaxRuns;

    /// <summary>
    /// Membership: "Localhost" (one machine, the default, no Redis), "Redis" (silos anywhere, sharing
    /// <see cref="Redis"/>), or "Kubernetes" (Redis membership, with pod name, address and cluster identity from
    /// Orleans' Kubernetes hosting).
    /// </summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>
    /// The StackExchange.Redis configuration string for membership, grain storage and reminders when they use
    /// Redis, for example "127.0.0.1:6379" or "redis.example:6380,password=...,ssl=true"; password and TLS pass
    /// through as written.
    /// </summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Grain storage for runs and sweeps: "Memory", "Redis" or "File" (any case); empty means Redis when clustering
    /// uses Redis, else Memory.
    /// </summary>
    public string Storage { get; set; } = "";

    /// <summary>Root of the grain state files when <see cref="Storage"/> is "File"; empty means &lt;ResultsDirectory&gt;/.state.</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>How often a sweep asks its runs in flight again (a run lost with its silo restarts elsewhere), in seconds.</summary>
    public double RunCheckSeconds { get; set; } = 5;

    /// <summary>
    /// How long a silo host may take to stop after SIGTERM (its drain: grains handed off, membership left), in seconds;
    /// then it exits regardless. Keep it below the orchestrator's grace period (deploy/: 180 s).
    /// </summary>
    public double ShutdownSeconds { get; set; } = 30;

    /// <summary>
    /// Orleans' distributed grain directory (strongly consistent across silo deaths; experimental in Orleans 10), on by
    /// default. Off, Orleans' default directory loses the entries a dead silo held, so a sweep's coordinator may briefly
    /// have a second activation that writes the files again (docs/DEPLOY.md, "Soak"). The silo host only: the CLI's
    /// in-process silo is alone and needs neither.
    /// </summary>
    public bool DistributedDirectory { get; set; } = true;

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients dial: an IP address, a host name, or "auto" (this machine's host name, which
    /// Docker and Kubernetes map to the container's address). A loopback address is also the one the silo listens on
    /// (one machine); any other is advertised while the silo listens on every address (a container or pod).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Port of the silo host's health endpoints (/healthz, /readyz), on the address the silo listens on; 0 means a free
    /// port chosen at start (a local silo, which nobody probes).
    /// </summary>
    public int HealthPort { get; set; }

    public string ClusterId { get; set; } = "robustgrid";

    public string ServiceId { get; set; } = "robustgrid";

    /// <summary>Runs training at once on this silo; 0 means its processor count.</summary>
    public int RunSlots { get; set; }

    /// <summary>Print spans and metrics to the console as well as to OTLP (when OTEL_EXPORTER_OTLP_ENDPOINT is set).</summary>
    public bool ConsoleTelemetry { get; set; }

    /// <summary>Serve the Orleans Dashboard on <see cref="DashboardPort"/> (silo host only).</summary>
    public bool Dashboard { get; set; }

    public int DashboardPort { get; set; } = 8080;

    /// <summary>
    /// <see cref="StateDirectory"/>, or the hidden ".state" beside the sweeps' directories: the states belong to
    /// those results, and moving or deleting the results root takes them along.
    /// </summary>
    public string StateDirectoryOrDefault() =>
        StateDirectory.Length > 0 ? StateDirectory : Path.Combine(ResultsDirectory, ".state");
}
