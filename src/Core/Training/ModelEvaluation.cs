using System.Runtime.CompilerServices;
using RobustGrid.Core.Data;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Training;

/// <summary>Clean (unattacked) evaluation of a linear model on a split.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Fills <paramref name="logits"/> with f(x_i) for every sample of <paramref name="split"/> and returns the mean
    /// plain hinge max(0, 1 - y f(x)) and the accuracy, where a sample is correct iff y f(x) &gt; 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SplitMetrics Evaluate(LinearModel model, TaskSplit split, Span<float> logits)
    {
        if (logits.Length != split.Count)
        {
            throw new ArgumentException($"logits has {logits.Length} entries for {split.Count} samples.", nameof(logits));
        }
        PixelKernels.Logits(split.Pixels, model.Weights, LinearModel.PixelScale, model.Bias, logits);
        return Metrics(split.Labels, logits);
    }

    /// <summary>
    /// The mean plain hinge max(0, 1 - y_i logits[i]) and the accuracy (y_i logits[i] &gt; 0) of logits already computed,
    /// as <see cref="Evaluate"/> returns them; 0 and 0 for an empty split.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SplitMetrics Metrics(ReadOnlySpan<sbyte> labels, ReadOnlySpan<float> logits)
    {
        if (logits.Length != labels.Length)
        {
            throw new ArgumentException($"logits has {logits.Length} entries for {labels.Length} labels.", nameof(logits));
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float margin = labels[i] * logits[i];
            loss += Math.Max(0f, 1f - margin);
            correct += margin > 0f ? 1 : 0;
        }
        int n = Math.Max(1, logits.Length);
        return new SplitMetrics(loss / n, (double)correct / n);
    }
}
