using System.Numerics.Tensors;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Evaluation;

/// <summary>The dual norm that prices the worst case of a threat model: ||w||_1 for Linf, ||w||_2 for L2, ||w||_inf for L1.</summary>
public static class DualNorm
{
    /// <summary>Returns ||w||_q with q the dual of <paramref name="norm"/>; 0 for an empty w.</summary>
    public static float Of(ReadOnlySpan<float> weights, ThreatNorm norm)
    {
        if (weights.IsEmpty)
        {
            return 0f;
        }
        return norm switch
        {
            ThreatNorm.Linf => FloatSums.SumOfMagnitudes(weights),
            ThreatNorm.L2 => FloatSums.Norm(weights),
            ThreatNorm.L1 => MathF.Abs(TensorPrimitives.MaxMagnitude(weights)),
            _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown threat norm."),
        };
    }
}
