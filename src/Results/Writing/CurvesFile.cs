using RobustGrid.Core.Evaluation;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>curves.parquet: one row per run and attack radius (<see cref="CurveRow"/>).</summary>
internal sealed class CurvesFile
{
    /// <summary>About 320 101-point runs per group.</summary>
    public const int RowsPerGroup = 1 << 15;

    private readonly RowGroupFile _file;
    private readonly RunColumns _run;
    private readonly ValueColumn<bool> _clip;
    private readonly ValueColumn<int> _epsIndex, _count;
    private readonly ValueColumn<double> _attackEps, _accuracy;
    private readonly NullableColumn<float> _median;
    private readonly ListColumn<float> _quantiles;

    public CurvesFile(RowGroupFile file, string sweepId)
    {
        _file = file;
        _run = new RunColumns(file, sweepId);
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
        RunColumns run = _run.Of(r);
        for (int g = 0; g < r.CurveEps.Length; g++)
        {
            float[] quantiles = g < r.AbsLogitQuantiles.Length ? r.AbsLogitQuantiles[g] : [];
            run.AddRow();
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
