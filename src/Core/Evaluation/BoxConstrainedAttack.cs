namespace RobustGrid.Core.Evaluation;

// Placeholder until the exact per-norm implementation lands; Linf only, O(n * d * grid).
public static class BoxConstrainedAttack
{
    public static void MarginReductions(ReadOnlySpan<float> weights, ReadOnlySpan<byte> pixels, ReadOnlySpan<sbyte> labels,
        ThreatNorm norm, ReadOnlySpan<double> epsGrid, Span<double> reductions)
    {
        if (norm != ThreatNorm.Linf)
        {
            throw new NotSupportedException();
        }
        int d = weights.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int g = 0; g < epsGrid.Length; g++)
            {
                double r = 0;
                for (int j = 0; j < d; j++)
                {
                    double x = pixels[i * d + j] / 255.0;
                    double room = labels[i] * weights[j] > 0 ? x : 1 - x;
                    r += Math.Abs(weights[j]) * Math.Min(epsGrid[g], room);
                }
                reductions[i * epsGrid.Length + g] = r;
            }
        }
    }
}
