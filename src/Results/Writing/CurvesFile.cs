using RobustGrid.Core.Evaluation;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>curves.parquet: one row per run and attack radius (<see cref="CurveRow"/>).</summary>
internal sealed class CurvesFile
{
    /// <summary>About a thousand 101-point runs per group.</summary>
    public const int RowsPerGroup = 1 << 17;

    private readonly RowGroupFile _file;
    private readonly string _sweepId;
    private readonly StringColumn _sweep, _runKey, _mode, _norm;
    private readonly NullableColumn<double> _trainEps;
    private readonly ValueColumn<long> _seed;
    private readonly ValueColumn<bool> _clip;
    private readonly ValueColumn<int> _epsIndex, _count;
    private readonly ValueColumn<double> _attackEps, _accuracy;
    private readonly NullableColumn<float> _median;
    private readonly ListColumn<float> _quantiles;

    public CurvesFile(RowGroupFile file, string sweepId)
    {
        (_file, _sweepId) = (file, sweepId);
        _sweep = file.String("sweep_id");
        _runKey = file.String("run_key");
        _mode = file.String("mode");
        _norm = file.String("norm");
        _trainEps = file.Nullable<double>("train_eps");
        _seed = file.Value<long>("seed");
        _clip = file.Value<bool>("clip");
        _epsIndex = file.Value<int>("eps_index");
        _attackEps = file.Value<double>("attack_eps");
        _accuracy = file.Value<double>("robust_accuracy");
        _count = file.Value<int>("misclassified_count");
        _median = file.Nullable<float>("misclassified_abs_logit_median");
        _quantiles = file.List<float>("misclassified_abs_logit_quantiles");
    }

    public async ValueTask AddAsync(RunRecord r)
    {
        string mode = ColumnValues.Name(r.Spec.Mode), norm = ColumnValues.Name(r.Spec.Norm);
        double? trainEps = ColumnValues.TrainEps(r.Spec);
        for (int g = 0; g < r.CurveEps.Length; g++)
        {
            float[] quantiles = g < r.AbsLogitQuantiles.Length ? r.AbsLogitQuantiles[g] : [];
            _sweep.Add(_sweepId);
            _runKey.Add(r.RunKey);
            _mode.Add(mode);
            _norm.Add(norm);
            _trainEps.Add(trainEps);
            _seed.Add(r.Spec.Seed);
            _clip.Add(r.Spec.Clip);
            _epsIndex.Add(g);
            _attackEps.Add(r.CurveEps[g]);
            _accuracy.Add(r.CurveAccuracy[g]);
            _count.Add(g < r.MisclassifiedCounts.Length ? r.MisclassifiedCounts[g] : 0);
            _median.Add(quantiles.Length > 0 ? quantiles[LogitQuantiles.MedianIndex] : null);
            _quantiles.Add(quantiles);
            await _file.EndRowAsync();
        }
    }
}
