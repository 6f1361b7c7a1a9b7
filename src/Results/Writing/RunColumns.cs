using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>
/// The columns curves, epochs and misclassified repeat in every row, so dashboards group without a join:
/// sweep_id, run_key, mode, norm, train_eps, seed. <see cref="Of"/> takes a run; each <see cref="AddRow"/> repeats its values.
/// </summary>
internal sealed class RunColumns(RowGroupFile file, string sweepId)
{
    private readonly StringColumn _sweep = file.String("sweep_id"), _runKey = file.String("run_key"), _mode = file.String("mode"), _norm = file.String("norm");
    private readonly NullableColumn<double> _trainEps = file.Nullable<double>("train_eps");
    private readonly ValueColumn<long> _seed = file.Value<long>("seed");
    private (string RunKey, string Mode, string Norm, double? TrainEps, long Seed) _run;

    /// <summary>The run whose rows come next.</summary>
    public RunColumns Of(RunRecord r)
    {
        _run = (r.RunKey, EnumNames.Name(r.Spec.Mode), EnumNames.Name(r.Spec.Norm), ColumnValues.TrainEps(r.Spec), r.Spec.Seed);
        return this;
    }

    public void AddRow()
    {
        _sweep.Add(sweepId);
        _runKey.Add(_run.RunKey);
        _mode.Add(_run.Mode);
        _norm.Add(_run.Norm);
        _trainEps.Add(_run.TrainEps);
        _seed.Add(_run.Seed);
    }
}
