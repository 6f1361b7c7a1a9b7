namespace RobustGrid.Reports.Model;

/// <summary>The models of one section, regular first, then robust by training eps.</summary>
public sealed record ReportSection(SectionKey Key, IReadOnlyList<ReportModel> Models);
