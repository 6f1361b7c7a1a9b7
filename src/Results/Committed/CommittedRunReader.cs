using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Committed;

/// <summary>
/// Reads the completed runs of one committed sweep directory back as the <see cref="RunRecord"/>s they were written
/// from, for run keys asked in ascending ordinal order. Each table (runs, curves, epochs, misclassified) is walked
/// forward once by a merge cursor (<see cref="TableCursor{TGroup}"/>), a row group at a time, so memory stays at a row
/// group per table whatever the sweep's size; a table's files are opened only when a key past the previous file's
/// rows is sought. Either layout (<see cref="SweepTables"/>) is read.
/// </summary>
/// <remarks>
/// What the files cannot give back: a record whose <see cref="RunRecord.MisclassifiedCounts"/> or
/// <see cref="RunRecord.AbsLogitQuantiles"/> is shorter than its curve comes back padded to the curve's length (0 and
/// an empty array: what the curves rows hold there), and misclassified records come back in (eps index, rank) order.
/// Records made by the run grain have neither. A completed run's metrics are never null in the files; were one null,
/// it would read as NaN (and the bias as 0).
/// </remarks>
public sealed class CommittedRunReader : IAsyncDisposable
{

    private readonly Func<RunSpec, int, int> _testIndexOf;
    private readonly TableCursor<RunsGroupColumns> _runs;
    private readonly TableCursor<CurvesGroupColumns> _curves;
    private readonly TableCursor<EpochsGroupColumns> _epochs;
    private readonly TableCursor<MisclassifiedGroupColumns> _misclassified;
    private string? _lastKey;

    /// <param name="sweepDirectory">The sweep's directory (holding <c>runs.parquet</c> or <c>runs/part-*.parquet</c>).</param>
    /// <param name="testIndexOf">
    /// A misclassified row's sample (its index in the dataset's test split) to its index in the run's binary task's
    /// test split: the inverse of the task's <c>Test.SourceIndices</c>.
    /// </param>
    public CommittedRunReader(string sweepDirectory, Func<RunSpec, int, int> testIndexOf)
    {
        SweepDirectory = sweepDirectory;
        _testIndexOf = testIndexOf;
        _runs = new(sweepDirectory, SweepTables.Runs, RunsGroupColumns.ReadAsync);
        _curves = new(sweepDirectory, SweepTables.Curves, CurvesGroupColumns.ReadAsync);
        _epochs = new(sweepDirectory, SweepTables.Epochs, EpochsGroupColumns.ReadAsync);
        _misclassified = new(sweepDirectory, SweepTables.Misclassified, MisclassifiedGroupColumns.ReadAsync);
    }

    /// <summary>The sweep directory read.</summary>
    public string SweepDirectory { get; }

    /// <summary>
    /// The record of <paramref name="runKey"/> when the sweep holds it with status "completed", else null (not in the
    /// sweep, or failed). Keys must come in strictly ascending ordinal order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A key not above the previous one.</exception>
    /// <exception cref="InvalidDataException">The sweep's rows do not make a consistent record (for instance, the rebuilt point does not hash to its key).</exception>
    public async ValueTask<RunRecord?> ReadAsync(string runKey, CancellationToken cancellationToken)
    {
        if (_lastKey is not null && string.CompareOrdinal(runKey, _lastKey) <= 0)
        {
            throw new InvalidOperationException($"Run keys must be read in ascending order: {runKey} came after {_lastKey}.");
        }
        _lastKey = runKey;
        if (!await _runs.SeekAsync(runKey, cancellationToken))
        {
            return null;
        }
        RunsGroupColumns runs = await _runs.ColumnsAsync(cancellationToken);
        int row = _runs.Row;
        _runs.Advance();
        if (runs.Status[row] != RunRow.CompletedStatus)
        {
            return null;
        }
        RunSpec spec = Spec(runs, row);
        if (!string.Equals(spec.Key, runKey, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{_runs.Where}: the run point of row {runKey} hashes to {spec.Key}.");
        }
        (double[] curveEps, double[] curveAccuracy, int[] counts, float[][] quantiles) = await CurveAsync(runKey, cancellationToken);
        EpochRecord[] epochs = await EpochsAsync(runKey, cancellationToken);
        MisclassifiedRecord[] misclassified = await MisclassifiedAsync(runKey, spec, curveEps.Length, cancellationToken);
        return new RunRecord(
            runKey, spec, RunStatus.Completed, runs.Error[row], runs.Attempts[row], runs.Silo[row], runs.DurationSeconds[row],
            runs.TrainAccuracy[row] ?? double.NaN, runs.TestAccuracy[row] ?? double.NaN, runs.Eps50[row], runs.CurveArea[row] ?? double.NaN,
            runs.WeightL1[row] ?? double.NaN, runs.SmallWeightFraction[row] ?? double.NaN, runs.Bias[row] ?? 0f, runs.Weights.Row(row).ToArray(),
            curveEps, curveAccuracy, epochs, misclassified, counts, quantiles);
    }

    public async ValueTask DisposeAsync()
    {
        await _runs.DisposeAsync();
        await _curves.DisposeAsync();
        await _epochs.DisposeAsync();
        await _misclassified.DisposeAsync();
    }

    /// <summary>
    /// The run's point as RunsFile wrote it: train_eps is null for a regular run, whose eps is 0 (the planner's), and
    /// dataset_source is <see cref="DatasetRef.ToString"/>.
    /// </summary>
    private static RunSpec Spec(RunsGroupColumns r, int i)
    {
        TrainingMode mode = EnumNames.Parse<TrainingMode>(r.Mode[i]);
        return new RunSpec(
            DatasetRef.Parse(r.DatasetSource[i]), r.DatasetName[i], r.DatasetHash[i], r.NegativeClass[i], r.PositiveClass[i],
            mode, EnumNames.Parse<ThreatNorm>(r.Norm[i]), r.TrainEps[i] ?? 0, r.Seed[i],
            r.Epochs[i], r.BatchSize[i], r.LearningRate[i], EnumNames.Parse<LossReduction>(r.Reduction[i]), r.Shuffle[i],
            r.AttackStart[i], r.AttackStop[i], r.AttackCount[i], r.Clip[i], r.ClosestCount[i]);
    }

    private async ValueTask<(double[] Eps, double[] Accuracy, int[] Counts, float[][] Quantiles)> CurveAsync(string runKey, CancellationToken cancellationToken)
    {
        List<double> eps = [], accuracy = [];
        List<int> counts = [];
        List<float[]> quantiles = [];
        while (await _curves.SeekAsync(runKey, cancellationToken))
        {
            CurvesGroupColumns c = await _curves.ColumnsAsync(cancellationToken);
            int row = _curves.Row;
            if (c.EpsIndex[row] != eps.Count)
            {
                throw new InvalidDataException($"{_curves.Where}: run {runKey} has eps index {c.EpsIndex[row]} where {eps.Count} comes next.");
            }
            eps.Add(c.AttackEps[row]);
            accuracy.Add(c.RobustAccuracy[row]);
            counts.Add(c.MisclassifiedCount[row]);
            quantiles.Add(c.Quantiles.Row(row).ToArray());
            _curves.Advance();
        }
        return ([.. eps], [.. accuracy], [.. counts], [.. quantiles]);
    }

    private async ValueTask<EpochRecord[]> EpochsAsync(string runKey, CancellationToken cancellationToken)
    {
        List<EpochRecord> epochs = [];
        while (await _epochs.SeekAsync(runKey, cancellationToken))
        {
            EpochsGroupColumns e = await _epochs.ColumnsAsync(cancellationToken);
            int row = _epochs.Row;
            epochs.Add(new EpochRecord(e.Epoch[row], e.TrainLoss[row], e.TestLoss[row], e.TrainAccuracy[row], e.TestAccuracy[row])
            {
                WeightAbsQuantiles = e.WeightAbsQuantiles.Row(row).ToArray(),
            });
            _epochs.Advance();
        }
        return [.. epochs];
    }

    private async ValueTask<MisclassifiedRecord[]> MisclassifiedAsync(string runKey, RunSpec spec, int curveLength, CancellationToken cancellationToken)
    {
        List<MisclassifiedRecord> records = [];
        while (await _misclassified.SeekAsync(runKey, cancellationToken))
        {
            MisclassifiedGroupColumns m = await _misclassified.ColumnsAsync(cancellationToken);
            int row = _misclassified.Row;
            if (m.EpsIndex[row] < 0 || m.EpsIndex[row] >= curveLength)
            {
                throw new InvalidDataException($"{_misclassified.Where}: run {runKey} has a misclassified row at eps index {m.EpsIndex[row]}, outside its {curveLength}-point curve.");
            }
            records.Add(new MisclassifiedRecord(m.EpsIndex[row], m.Rank[row], _testIndexOf(spec, m.SampleIndex[row]), m.Logit[row]));
            _misclassified.Advance();
        }
        return [.. records];
    }
}
