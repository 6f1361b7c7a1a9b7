using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Evaluation;

/// <summary>The headline numbers of one run.</summary>
/// <param name="TrainAccuracy">Clean accuracy of the final model on the train split.</param>
/// <param name="TestAccuracy">Clean accuracy on the test split (equals the curve at eps 0).</param>
/// <param name="Eps50">The first grid radius where attacked accuracy is below 0.5; null if it never is.</param>
/// <param name="CurveArea">Trapezoidal area under accuracy(eps) over the grid, in accuracy x eps units.</param>
/// <param name="WeightL1">||w||_1.</param>
/// <param name="SmallWeightFraction">Fraction of weights with |w_i| &lt; 0.01.</param>
public sealed record RobustnessSummary(double TrainAccuracy, double TestAccuracy, double? Eps50, double CurveArea, double WeightL1, double SmallWeightFraction)
{
    /// <summary>|w_i| below this counts as wiped out.</summary>
    public const float SmallWeight = 0.01f;

    /// <summary>Summarises a trained model's weights and its attack curve.</summary>
    public static RobustnessSummary From(double trainAccuracy, double testAccuracy, AttackCurve curve, ReadOnlySpan<float> weights)
    {
        int small = 0;
        foreach (float w in weights)
        {
            small += MathF.Abs(w) < SmallWeight ? 1 : 0;
        }
        return new RobustnessSummary(
            trainAccuracy,
            testAccuracy,
            FirstBelowHalf(curve),
            Area(curve),
            weights.IsEmpty ? 0 : FloatSums.SumOfMagnitudes(weights),
            weights.IsEmpty ? 0 : (double)small / weights.Length);
    }

    /// <summary>The first radius whose accuracy is strictly below 0.5, or null.</summary>
    public static double? FirstBelowHalf(AttackCurve curve)
    {
        for (int g = 0; g < curve.Eps.Length; g++)
        {
            if (curve.Accuracy[g] < 0.5)
            {
                return curve.Eps[g];
            }
        }
        return null;
    }

    /// <summary>sum_g (eps[g+1] - eps[g]) * (acc[g] + acc[g+1]) / 2.</summary>
    public static double Area(AttackCurve curve)
    {
        double area = 0;
        for (int g = 1; g < curve.Eps.Length; g++)
        {
            area += (curve.Eps[g] - curve.Eps[g - 1]) * (curve.Accuracy[g] + curve.Accuracy[g - 1]) / 2;
        }
        return area;
    }
}
