using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>epochs.parquet: one row per run and epoch (<see cref="EpochRow"/>).</summary>
internal sealed class EpochsFile
{
    public const int RowsPerGroup = 1 << 17;

    private readonly RowGroupFile _file;
    private readonly string _sweepId;
    private readonly StringColumn _sweep, _runKey, _mode, _norm;
    private readonly NullableColumn<double> _trainEps;
    private readonly ValueColumn<long> _seed;
    private readonly ValueColumn<int> _epoch;
    private readonly ValueColumn<double> _trainLoss, _testLoss, _trainAccuracy, _testAccuracy;

    public EpochsFile(RowGroupFile file, string sweepId)
    {
        (_file, _sweepId) = (file, sweepId);
        _sweep = file.String("sweep_id");
        _runKey = file.String("run_key");
        _mode = file.String("mode");
        _norm = file.String("norm");
        _trainEps = file.Nullable<double>("train_eps");
        _seed = file.Value<long>("seed");
        _epoch = file.Value<int>("epoch");
        _trainLoss = file.Value<double>("train_loss");
        _testLoss = file.Value<double>("test_loss");
        _trainAccuracy = file.Value<double>("train_accuracy");
        _testAccuracy = file.Value<double>("test_accuracy");
    }

    public async ValueTask AddAsync(RunRecord r)
    {
        string mode = ColumnValues.Name(r.Spec.Mode), norm = ColumnValues.Name(r.Spec.Norm);
        double? trainEps = ColumnValues.TrainEps(r.Spec);
        foreach (EpochRecord e in r.Epochs)
        {
            _sweep.Add(_sweepId);
            _runKey.Add(r.RunKey);
            _mode.Add(mode);
            _norm.Add(norm);
            _trainEps.Add(trainEps);
            _seed.Add(r.Spec.Seed);
            _epoch.Add(e.Epoch);
            _trainLoss.Add(e.TrainLoss);
            _testLoss.Add(e.TestLoss);
            _trainAccuracy.Add(e.TrainAccuracy);
            _testAccuracy.Add(e.TestAccuracy);
            await _file.EndRowAsync();
        }
    }
}
