namespace RobustGrid.Core.Evaluation;

/// <summary>
/// The norm of the attacker's ball. The worst case of a linear model inside a ball of radius eps lowers
/// the margin y f(x) by eps times the dual norm of w: Linf uses ||w||_1, L2 uses ||w||_2, L1 uses ||w||_inf.
/// </summary>
public enum ThreatNorm
{
    /// <summary>L-infinity ball; dual norm L1. The study's threat model and the default.</summary>
    Linf = 0,

    /// <summary>L2 ball; dual norm L2.</summary>
    L2 = 1,

    /// <summary>L1 ball; dual norm L-infinity.</summary>
    L1 = 2,
}
