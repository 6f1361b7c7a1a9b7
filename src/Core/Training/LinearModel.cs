using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Training;

/// <summary>The linear classifier f(x) = w.x + b, predicting sign(f(x)); a logit of exactly 0 is an error for both classes.</summary>
public sealed class LinearModel
{
    /// <summary>Pixels are bytes p; the model sees x = p / 255.</summary>
    public const float PixelScale = 1f / 255f;

    public LinearModel(float[] weights, float bias)
    {
        Weights = weights;
        Bias = bias;
    }

    public float[] Weights { get; }

    public float Bias { get; set; }

    /// <summary>
    /// Keras' default initialisation: w_j ~ U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)) =
    /// sqrt(6 / (features + 1)), and b = 0. Drawn from stream 0 of the run's seed.
    /// </summary>
    public static LinearModel GlorotUniform(int features, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        double limit = Math.Sqrt(6.0 / (features + 1));
        var random = new DeterministicRandom(seed, stream: 0);
        var weights = new float[features];
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
        }
        return new LinearModel(weights, 0f);
    }
}
