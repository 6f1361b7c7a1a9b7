namespace RobustGrid.Reports.Model;

/// <summary>A completed run and the model it belongs to: what a curves or epochs row's run_key resolves to.</summary>
internal sealed record RunSlot(ReportRun Run, ModelAccumulator Model);
