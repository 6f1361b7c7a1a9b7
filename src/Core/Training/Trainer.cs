using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Training;

/// <summary>
/// Minibatch SGD on the hinge (regular) or on the exact robust hinge (robust). For a linear model the
/// inner maximisation is closed-form: the worst perturbation lowers y f(x) by eps * ||w||_dual, so the robust
/// per-sample loss is max(0, 1 - y f(x) + eps ||w||_dual), whose subgradient on an active sample is
/// dL/dw = -y x + eps * d||w||_dual/dw and dL/db = -y. Single-threaded and deterministic.
/// </summary>
public static class Trainer
{
    /// <summary>Trains a model on <paramref name="task"/>'s train split, recording test metrics every epoch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TrainingOutcome Train(BinaryTask task, TrainingSpec spec, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> faults = spec.Validate();
        if (faults.Count > 0)
        {
            throw new ArgumentException("Invalid training spec: " + string.Join(" ", faults), nameof(spec));
        }
        HyperParameters hp = spec.HyperParameters;
        TaskSplit train = task.Train;
        int d = task.Features;
        int n = train.Count;
        if (n == 0)
        {
            throw new ArgumentException("The training split is empty.", nameof(task));
        }
        LinearModel model = LinearModel.GlorotUniform(d, spec.Seed);
        float[] w = model.Weights;
        bool robust = spec.Mode == TrainingMode.Robust;
        float eps = (float)spec.Eps;

        int batch = Math.Min(hp.BatchSize, n);
        float[] logits = new float[batch];
        int[] sums = new int[d];
        int[] activePositive = new int[batch];
        int[] activeNegative = new int[batch];
        int[]? order = hp.Shuffle ? Enumerable.Range(0, n).ToArray() : null;
        byte[]? gatheredRows = hp.Shuffle ? new byte[batch * d] : null;
        sbyte[]? gatheredLabels = hp.Shuffle ? new sbyte[batch] : null;
        var shuffleRandom = new DeterministicRandom(spec.Seed, stream: 1);
        float[] testLogits = new float[task.Test.Count];
        var history = new List<EpochMetrics>(hp.Epochs);

        for (int epoch = 1; epoch <= hp.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (order is not null)
            {
                shuffleRandom.Shuffle(order);
            }
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < n; start += batch)
            {
                int m = Math.Min(batch, n - start);
                ReadOnlySpan<byte> rows;
                ReadOnlySpan<sbyte> labels;
                if (order is null)
                {
                    rows = train.Pixels.AsSpan(start * d, m * d);
                    labels = train.Labels.AsSpan(start, m);
                }
                else
                {
                    Gather(train, order.AsSpan(start, m), gatheredRows!, gatheredLabels!);
                    rows = gatheredRows.AsSpan(0, m * d);
                    labels = gatheredLabels.AsSpan(0, m);
                }

                Span<float> batchLogits = logits.AsSpan(0, m);
                PixelKernels.Logits(rows, w, LinearModel.PixelScale, model.Bias, batchLogits);
                float shift = robust ? eps * DualNorm.Of(w, spec.Norm) : 0f;

                int positives = 0, negatives = 0;
                for (int i = 0; i < m; i++)
                {
                    float margin = labels[i] * batchLogits[i];
                    correct += margin > 0f ? 1 : 0;
                    float loss = 1f - margin + shift;
                    if (loss > 0f)
                    {
                        lossSum += loss;
                        if (labels[i] > 0)
                        {
                            activePositive[positives++] = i;
                        }
                        else
                        {
                            activeNegative[negatives++] = i;
                        }
                    }
                }
                int active = positives + negatives;
                int labelSum = positives - negatives;
                sums.AsSpan().Clear();
                PixelKernels.AccumulateRows(sums, rows, activePositive.AsSpan(0, positives), activeNegative.AsSpan(0, negatives));

                float step = hp.LearningRate * (hp.Reduction == LossReduction.Mean ? 1f / m : 1f);
                float penalty = robust ? step * active * eps : 0f;
                Step(w, sums, step * LinearModel.PixelScale, penalty, spec.Norm);
                model.Bias += step * labelSum;
            }

            SplitMetrics test = ModelEvaluation.Evaluate(model, task.Test, testLogits);
            history.Add(new EpochMetrics(epoch, lossSum / n, test.HingeLoss, (double)correct / n, test.Accuracy)
            {
                WeightAbsQuantiles = Evaluation.LogitQuantiles.OfAbsolute(w),
            });
        }
        return new TrainingOutcome(model, history);
    }

    /// <summary>w += dataStep * sum_active(y p) - penalty * d||w||_dual/dw, the subgradient taken at the old w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(float[] w, int[] sums, float dataStep, float penalty, ThreatNorm norm)
    {
        switch (norm)
        {
            case ThreatNorm.Linf:
                PixelKernels.SgdStep(w, sums, dataStep, penalty);
                return;
            case ThreatNorm.L2:
                float length = TensorPrimitives.Norm(w);
                if (penalty != 0f && length > 0f)
                {
                    TensorPrimitives.Multiply(w, 1f - penalty / length, w);
                }
                break;
            case ThreatNorm.L1:
                int k = TensorPrimitives.IndexOfMaxMagnitude<float>(w);
                if (k >= 0)
                {
                    w[k] -= penalty * MathF.Sign(w[k]);
                }
                break;
        }
        PixelKernels.SgdStep(w, sums, dataStep, 0f);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(TaskSplit split, ReadOnlySpan<int> indices, byte[] rows, sbyte[] labels)
    {
        int d = split.Features;
        for (int i = 0; i < indices.Length; i++)
        {
            split.Pixels.AsSpan(indices[i] * d, d).CopyTo(rows.AsSpan(i * d, d));
            labels[i] = split.Labels[indices[i]];
        }
    }
}
