namespace RobustGrid.Dashboard.Model;

/// <summary>
/// A sweep's line on the page: its phase and counts ("N of M"), from its coordinator's progress when one answers
/// (<see cref="Source"/> "cluster"), else from its files ("files": running is then unknown, null; so are the total and
/// pending before the first commit of a sweep without a manifest).
/// <see cref="RunsPerSecond"/> and <see cref="EtaSeconds"/> are measured while the page's server watches the sweep;
/// <see cref="Silos"/>, from a coordinator, the runs each silo trained and its rate (empty from files).
/// </summary>
public sealed record SweepStatusView(
    string Id, string Phase, string Source, int? Total, int Done, int Failed, int? Running, int? Pending, int Committed,
    double? RunsPerSecond, double? EtaSeconds, string? Eta, bool Finished, string? ReportUrl, string? Coordinator, string? Error,
    IReadOnlyList<SiloView>? Silos = null);
