namespace RobustGrid.Dashboard.Model;

/// <summary>One silo's share of a running sweep: the runs it trained that the coordinator has recorded, and their rate while the page watched.</summary>
public sealed record SiloView(string Silo, int Completed, double? RunsPerSecond);
