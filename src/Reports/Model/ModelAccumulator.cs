using RobustGrid.Reports.Figures;
using RobustGrid.Reports.Rendering;
using RobustGrid.Results;

namespace RobustGrid.Reports.Model;

/// <summary>
/// What the figures need of one model, gathered while curves.parquet and epochs.parquet stream by row group:
/// bands over seeds (sums, minima and maxima per grid point), the logit quantiles at the few radii the density
/// figure shows, and the representative run's curve. Its size follows the grid and the seeds, not the rows.
/// </summary>
/// <remarks>
/// The bands follow the model's first seed (its reference run), as <see cref="SeedBands.Of"/> does: runs on another
/// attack grid, or with another number of epochs, are left out of them.
/// </remarks>
internal sealed class ModelAccumulator
{
    private readonly ReportRun? _reference;
    private readonly double[] _referenceGrid;
    private readonly SeedBandsBuilder? _curves;
    private readonly SeedBandsBuilder? _training;
    private readonly SeedBandsBuilder? _weightQuantiles;
    private readonly double[] _quantileValues = new double[Core.Evaluation.LogitQuantiles.Count];
    // Eps index -> slot of a radius the density figure shows, or -1.
    private readonly int[] _radiusSlot;
    private readonly List<CurvePoint>[] _atRadius;
    private readonly List<CurvePoint> _representativeCurve = [];
    private readonly double[] _epochValues = new double[4];
    // Eps index -> column of the accuracy table, or -1; and each column's accuracies, one per run on the reference grid.
    private readonly int[] _tableSlot;
    private readonly List<double>[] _tableAccuracy;

    /// <param name="tableEps">The radii of the section's accuracy table; those on this model's grid are collected per run.</param>
    public ModelAccumulator(SectionKey section, ModelKey key, IReadOnlyList<ReportRun> completed, int failed, ReportRun? representative, IReadOnlyList<double> tableEps)
    {
        Section = section;
        Key = key;
        Completed = completed;
        Failed = failed;
        Representative = representative;
        TableEps = tableEps;
        _reference = completed.Count > 0 ? completed[0] : null;
        _referenceGrid = _reference?.AttackGrid.Values() ?? [];
        _curves = _reference is null ? null : new SeedBandsBuilder(_referenceGrid.Length, 1);
        _training = _reference is null ? null : new SeedBandsBuilder(Math.Max(0, _reference.Epochs), 4);
        _weightQuantiles = _reference is null ? null : new SeedBandsBuilder(Math.Max(0, _reference.Epochs), Core.Evaluation.LogitQuantiles.Count);
        // The logit densities are shown at the accuracy table's radii.
        int[] radii = _reference is null ? [] : [.. tableEps.Select(e => TableRadii.IndexOf(_reference.AttackGrid, e)).Where(i => i >= 0).Distinct()];
        _radiusSlot = Enumerable.Repeat(-1, _referenceGrid.Length).ToArray();
        for (int i = 0; i < radii.Length; i++)
        {
            _radiusSlot[radii[i]] = i;
        }
        _atRadius = [.. radii.Select(_ => new List<CurvePoint>())];
        _tableSlot = Enumerable.Repeat(-1, _referenceGrid.Length).ToArray();
        _tableAccuracy = [.. tableEps.Select(_ => new List<double>())];
        for (int i = 0; _reference is not null && i < tableEps.Count; i++)
        {
            int index = TableRadii.IndexOf(_reference.AttackGrid, tableEps[i]);
            if (index >= 0 && Math.Abs(_referenceGrid[index] - tableEps[i]) < 1e-9)
            {
                _tableSlot[index] = i;
            }
        }
    }

    public SectionKey Section { get; }

    public ModelKey Key { get; }

    /// <summary>The radii of the section's accuracy table.</summary>
    public IReadOnlyList<double> TableEps { get; }

    public IReadOnlyList<ReportRun> Completed { get; }

    public int Failed { get; }

    public ReportRun? Representative { get; }

    /// <summary>Whether a row at <paramref name="epsIndex"/> of <paramref name="run"/> is kept whole (its quantiles are needed).</summary>
    public bool Keeps(ReportRun run, int epsIndex) =>
        ReferenceEquals(run, Representative) || (epsIndex < _radiusSlot.Length && _radiusSlot[epsIndex] >= 0);

    /// <summary>One curves.parquet row of a completed run of this model; <paramref name="point"/> is given when <see cref="Keeps"/> said so.</summary>
    /// <exception cref="InvalidDataException">The row's eps index or radius disagrees with the run's attack grid in runs.parquet.</exception>
    public void AddCurve(ReportRun run, int epsIndex, double attackEps, double robustAccuracy, CurvePoint? point)
    {
        if (epsIndex < 0 || epsIndex >= run.AttackGrid.Count)
        {
            throw new InvalidDataException($"curves.parquet: run {run.RunKey} has eps_index {epsIndex}, outside its grid of {run.AttackGrid.Count} radii.");
        }
        if (ReferenceEquals(run, _reference) && Math.Abs(attackEps - _referenceGrid[epsIndex]) > 1e-9)
        {
            throw new InvalidDataException($"curves.parquet: run {run.RunKey} has attack_eps {attackEps} at eps_index {epsIndex}, but its grid in runs.parquet puts {_referenceGrid[epsIndex]} there.");
        }
        if (_curves is not null && run.AttackGrid == _reference!.AttackGrid)
        {
            _curves.Add(epsIndex, attackEps, [robustAccuracy]);
            if (_tableSlot[epsIndex] >= 0)
            {
                _tableAccuracy[_tableSlot[epsIndex]].Add(robustAccuracy);
            }
        }
        if (point is null)
        {
            return;
        }
        if (epsIndex < _radiusSlot.Length && _radiusSlot[epsIndex] >= 0)
        {
            _atRadius[_radiusSlot[epsIndex]].Add(point);
        }
        if (ReferenceEquals(run, Representative))
        {
            _representativeCurve.Add(point);
        }
    }

    /// <summary>One epochs.parquet row of a completed run of this model.</summary>
    /// <exception cref="InvalidDataException">The epoch is outside 1..epochs of the run.</exception>
    /// <param name="weightQuantiles">The row's quantiles of |w_i| (empty in older files).</param>
    public void AddEpoch(ReportRun run, int epoch, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy, ReadOnlySpan<float> weightQuantiles)
    {
        if (epoch < 1 || epoch > run.Epochs)
        {
            throw new InvalidDataException($"epochs.parquet: run {run.RunKey} has epoch {epoch}, outside 1..{run.Epochs}.");
        }
        if (_training is not null && run.Epochs == _reference!.Epochs)
        {
            (_epochValues[0], _epochValues[1], _epochValues[2], _epochValues[3]) = (testLoss, trainLoss, testAccuracy, trainAccuracy);
            _training.Add(epoch - 1, epoch, _epochValues);
            if (weightQuantiles.Length == _quantileValues.Length)
            {
                for (int q = 0; q < _quantileValues.Length; q++)
                {
                    _quantileValues[q] = weightQuantiles[q];
                }
                _weightQuantiles!.Add(epoch - 1, epoch, _quantileValues);
            }
        }
    }

    /// <summary>The model as the figures see it.</summary>
    public ReportModel Build((float[] Weights, float Bias) representative, IReadOnlyList<FooledSample> fooled) =>
        new(Section, Key, Completed, Failed, Representative)
        {
            RepresentativeWeights = representative.Weights,
            RepresentativeBias = representative.Bias,
            RepresentativeCurve = [.. _representativeCurve.OrderBy(p => p.EpsIndex)],
            Curves = _curves?.Band(0) ?? SeedBands.Empty,
            Training = _training is null ? TrainingBands.Empty : TrainingBands.Of(_training),
            WeightQuantiles = _weightQuantiles is null ? [] : [.. Enumerable.Range(0, Core.Evaluation.LogitQuantiles.Count).Select(_weightQuantiles.Band)],
            // Seed order, as the runs are listed: the pooled densities sum in the same order as over whole rows.
            LogitRadii = [.. _atRadius.Where(a => a.Count > 0).Select(a => (IReadOnlyList<CurvePoint>)[.. a.OrderBy(p => p.Seed)])],
            Fooled = fooled,
            TableAccuracy = [.. _tableAccuracy.Select(a => MeanStd.Of(a))],
        };
}
