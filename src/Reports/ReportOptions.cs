namespace RobustGrid.Reports;

/// <summary>What a report may be asked to do differently from its defaults.</summary>
public sealed record ReportOptions
{
    /// <summary>The attack radii the accuracy table shows; null for <see cref="Results.TableRadii.For"/>'s default per section.</summary>
    public IReadOnlyList<double>? TableEps { get; init; }
}
