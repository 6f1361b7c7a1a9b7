using RobustGrid.Dashboard.Model;

namespace RobustGrid.Dashboard.Files;

/// <summary>
/// What a sweep's folder says, as of one look: its total (null without a manifest and before its runs are read),
/// its committed runs (completed and failed), whether every part is committed (<see cref="Complete"/>) and the
/// sweep finished (<see cref="Finished"/>: sweep.json, written last), its report, and its committed runs' curves,
/// summary table and failed runs. <see cref="Error"/> says why the files could not be read, when they could not.
/// </summary>
public sealed record SweepFiles(
    string SweepId, int? Total, int Completed, int Failed, bool Complete, bool Finished, bool HasReport,
    IReadOnlyList<ModelCurveView> Curves, IReadOnlyList<SummaryRowView> Summary, IReadOnlyList<FailedRunView> FailedRuns, string? Error)
{
    public int Committed => Completed + Failed;
}
