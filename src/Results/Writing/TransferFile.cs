namespace RobustGrid.Results.Writing;

/// <summary>transfer.parquet: one row per (source run, target run, attack radius) (<see cref="TransferRow"/>).</summary>
internal sealed class TransferFile
{
    public const int RowsPerGroup = 1 << 17;

    private readonly RowGroupFile _file;
    private readonly string _sweepId;
    private readonly StringColumn _sweep, _norm, _relation, _sourceKey, _sourceMode, _targetKey, _targetMode;
    private readonly ValueColumn<int> _negative, _positive, _epsIndex;
    private readonly ValueColumn<bool> _clip;
    private readonly NullableColumn<double> _sourceEps, _targetEps;
    private readonly ValueColumn<long> _sourceSeed, _targetSeed;
    private readonly ValueColumn<double> _attackEps, _accuracy;

    public TransferFile(RowGroupFile file, string sweepId)
    {
        _file = file;
        _sweepId = sweepId;
        _sweep = file.String("sweep_id");
        _negative = file.Value<int>("negative_class");
        _positive = file.Value<int>("positive_class");
        _norm = file.String("norm");
        _clip = file.Value<bool>("clip");
        _relation = file.String("relation");
        _sourceKey = file.String("source_run_key");
        _sourceMode = file.String("source_mode");
        _sourceEps = file.Nullable<double>("source_train_eps");
        _sourceSeed = file.Value<long>("source_seed");
        _targetKey = file.String("target_run_key");
        _targetMode = file.String("target_mode");
        _targetEps = file.Nullable<double>("target_train_eps");
        _targetSeed = file.Value<long>("target_seed");
        _epsIndex = file.Value<int>("eps_index");
        _attackEps = file.Value<double>("attack_eps");
        _accuracy = file.Value<double>("accuracy");
    }

    /// <summary>The rows of one source and target: a curve over the attack grid.</summary>
    public async ValueTask AddAsync(TransferRun source, TransferRun target, string relation, double[] grid, double[] accuracy)
    {
        for (int g = 0; g < grid.Length; g++)
        {
            _sweep.Add(_sweepId);
            _negative.Add(source.NegativeClass);
            _positive.Add(source.PositiveClass);
            _norm.Add(source.Norm);
            _clip.Add(source.Clip);
            _relation.Add(relation);
            _sourceKey.Add(source.RunKey);
            _sourceMode.Add(source.Mode);
            _sourceEps.Add(source.TrainEps);
            _sourceSeed.Add(source.Seed);
            _targetKey.Add(target.RunKey);
            _targetMode.Add(target.Mode);
            _targetEps.Add(target.TrainEps);
            _targetSeed.Add(target.Seed);
            _epsIndex.Add(g);
            _attackEps.Add(grid[g]);
            _accuracy.Add(accuracy[g]);
            await _file.EndRowAsync();
        }
    }
}
