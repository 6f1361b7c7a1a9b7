using RobustGrid.Results;

namespace RobustGrid.Dashboard.Model;

/// <summary>A mean and std over seeds as the page shows it: null where there is no number (JSON has no NaN).</summary>
public sealed record ValueView(double? Mean, double? Std, int Count)
{
    public static ValueView Of(MeanStd value) => new(Finite(value.Mean), Finite(value.Std), value.Count);

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
