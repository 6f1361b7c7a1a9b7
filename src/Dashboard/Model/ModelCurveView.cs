namespace RobustGrid.Dashboard.Model;

/// <summary>
/// A model's mean robustness curve over its committed seeds: <see cref="Mean"/>[i] and <see cref="Std"/>[i] (sample
/// std, 0 for one seed) of the accuracy under attack at <see cref="Eps"/>[i]; the page draws the mean and the band mean ± std.
/// </summary>
public sealed record ModelCurveView(string Section, string Model, int Seeds, double[] Eps, double[] Mean, double[] Std);
