namespace RobustGrid.Reports.Model;

/// <summary>The models of one section, regular first, then robust by training eps, and the attack radii its accuracy table shows.</summary>
public sealed record ReportSection(SectionKey Key, IReadOnlyList<ReportModel> Models, IReadOnlyList<double> TableEps);
