using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Numerics;

namespace RobustGrid.Core.Training;

/// <summary>
/// Trains a group of runs in lockstep: runs that share a task, hyper-parameters and batch order take the same
/// batches, so each batch's pixels are read and widened once for all of them (<see cref="PixelKernels.LogitsGroup"/>);
/// each run then keeps its own active set, subgradient and step. Every run's arithmetic is the one it does alone,
/// in the same order, so its result has the same bits whatever group it trains in and wherever it sits in it;
/// <see cref="Trainer.Train"/> is the group of one. Single-threaded and deterministic.
/// </summary>
public static class FusedTrainer
{
    /// <summary>
    /// Whether two runs can train in one group: the same hyper-parameters (epochs, batch size, learning rate,
    /// reduction, shuffling) and, when they shuffle, the same seed, whose stream 1 draws the batch order.
    /// Modes, norms, radii and (unshuffled) seeds may differ.
    /// </summary>
    public static bool CanShareBatches(TrainingSpec a, TrainingSpec b) =>
        a.HyperParameters == b.HyperParameters && (!a.HyperParameters.Shuffle || a.Seed == b.Seed);

    /// <summary>
    /// Trains every spec of <paramref name="specs"/> on <paramref name="task"/>'s train split, recording test metrics
    /// every epoch. Entry i of the answer is spec i's outcome, or null when <paramref name="cancellation"/>[i] was
    /// cancelled (checked at every epoch's start): a cancelled run leaves the group and the others carry on.
    /// Throws <see cref="ArgumentException"/> when a spec is invalid, two specs cannot share batches
    /// (<see cref="CanShareBatches"/>) or the training split is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TrainingOutcome?[] Train(BinaryTask task, IReadOnlyList<TrainingSpec> specs, IReadOnlyList<CancellationToken>? cancellation = null)
    {
        Check(task, specs, cancellation);
        var outcomes = new TrainingOutcome?[specs.Count];
        if (specs.Count == 0)
        {
            return outcomes;
        }
        HyperParameters hp = specs[0].HyperParameters;
        TaskSplit train = task.Train;
        int d = task.Features;
        int n = train.Count;
        int batch = Math.Min(hp.BatchSize, n);

        var members = new List<Member>(specs.Count);
        for (int i = 0; i < specs.Count; i++)
        {
            members.Add(new Member(i, specs[i], cancellation?[i] ?? CancellationToken.None));
        }
        var group = new GroupWeights(members, d);
        float[] logits = new float[members.Count * batch];
        float[] testLogits = new float[members.Count * task.Test.Count];
        int[] sums = new int[d];
        var batchSums = new BatchSums(d, batch);
        var partition = new ActivePartition(batch);
        int[]? order = hp.Shuffle ? Enumerable.Range(0, n).ToArray() : null;
        byte[]? gatheredRows = hp.Shuffle ? new byte[batch * d] : null;
        sbyte[]? gatheredLabels = hp.Shuffle ? new sbyte[batch] : null;
        var shuffleRandom = new DeterministicRandom(specs[0].Seed, stream: 1);

        for (int epoch = 1; epoch <= hp.Epochs; epoch++)
        {
            if (members.RemoveAll(m => m.Cancellation.IsCancellationRequested) > 0)
            {
                group = group.Keep(members);
                if (members.Count == 0)
                {
                    return outcomes;
                }
            }
            int k = members.Count;
            if (order is not null)
            {
                shuffleRandom.Shuffle(order);
            }
            foreach (Member member in members)
            {
                member.StartEpoch();
            }
            for (int start = 0; start < n; start += batch)
            {
                int m = Math.Min(batch, n - start);
                ReadOnlyMemory<byte> rows;
                ReadOnlyMemory<sbyte> labels;
                if (order is null)
                {
                    rows = train.Pixels.AsMemory(start * d, m * d);
                    labels = train.Labels.AsMemory(start, m);
                }
                else
                {
                    Gather(train, order.AsSpan(start, m), gatheredRows!, gatheredLabels!);
                    rows = gatheredRows.AsMemory(0, m * d);
                    labels = gatheredLabels.AsMemory(0, m);
                }

                PixelKernels.LogitsGroup(rows.Span, group.Weights, group.Biases, LinearModel.PixelScale, logits.AsSpan(0, k * m));
                batchSums.Start(rows, labels);
                for (int q = 0; q < k; q++)
                {
                    members[q].Step(group, q, labels.Span, logits.AsSpan(q * m, m), hp, batchSums, sums, partition);
                }
            }

            PixelKernels.LogitsGroup(task.Test.Pixels, group.Weights, group.Biases, LinearModel.PixelScale, testLogits.AsSpan(0, k * task.Test.Count));
            for (int q = 0; q < k; q++)
            {
                SplitMetrics test = ModelEvaluation.Metrics(task.Test.Labels, testLogits.AsSpan(q * task.Test.Count, task.Test.Count));
                members[q].EndEpoch(epoch, n, test, group.Row(q));
            }
        }

        for (int q = 0; q < members.Count; q++)
        {
            Member member = members[q];
            var model = new LinearModel(group.Row(q).ToArray(), group.Biases[q]);
            outcomes[member.Index] = new TrainingOutcome(model, member.History);
        }
        return outcomes;
    }

    private static void Check(BinaryTask task, IReadOnlyList<TrainingSpec> specs, IReadOnlyList<CancellationToken>? cancellation)
    {
        if (cancellation is not null && cancellation.Count != specs.Count)
        {
            throw new ArgumentException($"{cancellation.Count} cancellation tokens for {specs.Count} specs.", nameof(cancellation));
        }
        foreach (TrainingSpec spec in specs)
        {
            IReadOnlyList<string> faults = spec.Validate();
            if (faults.Count > 0)
            {
                throw new ArgumentException("Invalid training spec: " + string.Join(" ", faults), nameof(specs));
            }
            if (!CanShareBatches(specs[0], spec))
            {
                throw new ArgumentException(
                    $"Specs with different hyper-parameters or shuffle seeds cannot train in one group ({specs[0]} and {spec}).", nameof(specs));
            }
        }
        if (specs.Count > 0 && task.Train.Count == 0)
        {
            throw new ArgumentException("The training split is empty.", nameof(task));
        }
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

    /// <summary>The group's weights, one run's row after another, and biases: the operands of the fused forward pass.</summary>
    private sealed class GroupWeights
    {
        private readonly int _features;

        private GroupWeights(float[] weights, float[] biases, int features)
        {
            Weights = weights;
            Biases = biases;
            _features = features;
        }

        /// <summary>Keras' Glorot-uniform start of every member (<see cref="LinearModel.GlorotUniform"/>), bias 0.</summary>
        public GroupWeights(IReadOnlyList<Member> members, int features)
            : this(new float[members.Count * features], new float[members.Count], features)
        {
            for (int q = 0; q < members.Count; q++)
            {
                LinearModel start = LinearModel.GlorotUniform(features, members[q].Spec.Seed);
                start.Weights.CopyTo(Row(q));
                Biases[q] = start.Bias;
            }
        }

        public float[] Weights { get; }

        public float[] Biases { get; }

        public Span<float> Row(int q) => Weights.AsSpan(q * _features, _features);

        /// <summary>The weights of the members still training, in their order (members are only ever removed).</summary>
        public GroupWeights Keep(IReadOnlyList<Member> members)
        {
            var kept = new GroupWeights(new float[members.Count * _features], new float[members.Count], _features);
            for (int q = 0; q < members.Count; q++)
            {
                int from = members[q].Slot;
                Row(from).CopyTo(kept.Row(q));
                kept.Biases[q] = Biases[from];
                members[q].Slot = q;
            }
            return kept;
        }
    }

    /// <summary>One run of the group: its spec and the running sums of its epoch.</summary>
    private sealed class Member(int index, TrainingSpec spec, CancellationToken cancellation)
    {
        private readonly bool _robust = spec.Mode == TrainingMode.Robust;
        private readonly float _eps = (float)spec.Eps;
        private double _lossSum;
        private int _correct;

        public int Index { get; } = index;

        public TrainingSpec Spec { get; } = spec;

        public CancellationToken Cancellation { get; } = cancellation;

        /// <summary>The member's row in the current <see cref="GroupWeights"/>.</summary>
        public int Slot { get; set; } = index;

        public List<EpochMetrics> History { get; } = new(spec.HyperParameters.Epochs);

        public void StartEpoch()
        {
            _lossSum = 0;
            _correct = 0;
        }

        public void EndEpoch(int epoch, int n, SplitMetrics test, ReadOnlySpan<float> weights) =>
            History.Add(new EpochMetrics(epoch, _lossSum / n, test.HingeLoss, (double)_correct / n, test.Accuracy)
            {
                WeightAbsQuantiles = LogitQuantiles.OfAbsolute(weights),
            });

        /// <summary>
        /// One SGD step on the batch from the run's logits: the (robust) hinge's active samples, their exact
        /// integer pixel sums, then w += step * (sum y p) / 255 - step * active * eps * d||w||_dual/dw and b += step * sum y.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Step(GroupWeights group, int q, ReadOnlySpan<sbyte> labels, ReadOnlySpan<float> logits,
            HyperParameters hp, BatchSums batchSums, int[] sums, ActivePartition partition)
        {
            Span<float> w = group.Row(q);
            int m = logits.Length;
            float shift = _robust ? _eps * DualNorm.Of(w, Spec.Norm) : 0f;
            _correct += partition.FillFromHinge(labels, logits, shift, ref _lossSum);
            int active = partition.Active;
            int labelSum = partition.LabelSum;
            batchSums.Active(sums, partition);

            float step = hp.LearningRate * (hp.Reduction == LossReduction.Mean ? 1f / m : 1f);
            float penalty = _robust ? step * active * _eps : 0f;
            ApplyStep(w, sums, step * LinearModel.PixelScale, penalty, Spec.Norm);
            group.Biases[q] += step * labelSum;
        }

        /// <summary>w += dataStep * sum_active(y p) - penalty * d||w||_dual/dw, the subgradient taken at the old w.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void ApplyStep(Span<float> w, int[] sums, float dataStep, float penalty, ThreatNorm norm)
        {
            switch (norm)
            {
                case ThreatNorm.Linf:
                    PixelKernels.SgdStep(w, sums, dataStep, penalty);
                    return;
                case ThreatNorm.L2:
                    float length = FloatSums.Norm(w);
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
    }
}
