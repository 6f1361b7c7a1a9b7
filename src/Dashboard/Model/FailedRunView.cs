namespace RobustGrid.Dashboard.Model;

/// <summary>A committed run that failed after all its retries, and why.</summary>
public sealed record FailedRunView(string RunKey, string Section, string Model, long Seed, string Error);
