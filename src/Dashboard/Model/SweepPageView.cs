namespace RobustGrid.Dashboard.Model;

/// <summary>Everything the page shows of one sweep; curves, table and failed runs cover its committed runs.</summary>
public sealed record SweepPageView(
    SweepStatusView Status, IReadOnlyList<ModelCurveView> Curves, IReadOnlyList<SummaryRowView> Summary,
    IReadOnlyList<FailedRunView> FailedRuns, int FailedRunsTotal, IReadOnlyList<string> Faults);
