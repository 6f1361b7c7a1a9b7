using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>runs.parquet: one row per run (<see cref="RunRow"/>), its point, status and summary metrics.</summary>
internal sealed class RunsFile
{
    /// <summary>Each row holds the run's weights (784 floats for 28x28 images): about 1.6 MB of values per group. Parquet.Net
    /// pools a buffer per column chunk size it meets and keeps it, so groups of 2,048 runs (6 MB chunks) made a silo's
    /// memory creep for a whole sweep.</summary>
    public const int RowsPerGroup = 512;

    private readonly RowGroupFile _file;
    private readonly string _sweepId;
    private readonly StringColumn _sweep, _runKey, _datasetName, _datasetHash, _datasetSource, _mode, _norm, _reduction, _status, _error, _silo;
    private readonly ValueColumn<int> _negative, _positive, _epochs, _batchSize, _attackCount, _closest, _attempts;
    private readonly NullableColumn<double> _trainEps, _trainAccuracy, _testAccuracy, _eps50, _curveArea, _weightL1, _smallWeights;
    private readonly ValueColumn<long> _seed;
    private readonly ValueColumn<float> _learningRate;
    private readonly ValueColumn<bool> _shuffle, _clip;
    private readonly ValueColumn<double> _attackStart, _attackStop, _duration;
    private readonly NullableColumn<float> _bias;
    private readonly ListColumn<float> _weights;

    public RunsFile(RowGroupFile file, string sweepId)
    {
        (_file, _sweepId) = (file, sweepId);
        _sweep = file.String("sweep_id");
        _runKey = file.String("run_key");
        _datasetName = file.String("dataset_name");
        _datasetHash = file.String("dataset_hash");
        _datasetSource = file.String("dataset_source");
        _negative = file.Value<int>("negative_class");
        _positive = file.Value<int>("positive_class");
        _mode = file.String("mode");
        _norm = file.String("norm");
        _trainEps = file.Nullable<double>("train_eps");
        _seed = file.Value<long>("seed");
        _epochs = file.Value<int>("epochs");
        _batchSize = file.Value<int>("batch_size");
        _learningRate = file.Value<float>("learning_rate");
        _reduction = file.String("reduction");
        _shuffle = file.Value<bool>("shuffle");
        _attackStart = file.Value<double>("attack_eps_start");
        _attackStop = file.Value<double>("attack_eps_stop");
        _attackCount = file.Value<int>("attack_eps_count");
        _clip = file.Value<bool>("clip");
        _closest = file.Value<int>("closest_count");
        _status = file.String("status");
        _error = file.String("error");
        _attempts = file.Value<int>("attempts");
        _silo = file.String("silo");
        _duration = file.Value<double>("duration_seconds");
        _trainAccuracy = file.Nullable<double>("train_accuracy");
        _testAccuracy = file.Nullable<double>("test_accuracy");
        _eps50 = file.Nullable<double>("eps50");
        _curveArea = file.Nullable<double>("curve_area");
        _weightL1 = file.Nullable<double>("weight_l1");
        _smallWeights = file.Nullable<double>("small_weight_fraction");
        _bias = file.Nullable<float>("bias");
        _weights = file.List<float>("weights");
    }

    public ValueTask AddAsync(RunRecord r)
    {
        RunSpec s = r.Spec;
        bool ok = r.Status == RunStatus.Completed;
        _sweep.Add(_sweepId);
        _runKey.Add(r.RunKey);
        _datasetName.Add(s.DatasetName);
        _datasetHash.Add(s.DatasetHash);
        _datasetSource.Add(s.Dataset.ToString());
        _negative.Add(s.NegativeClass);
        _positive.Add(s.PositiveClass);
        _mode.Add(EnumNames.Name(s.Mode));
        _norm.Add(EnumNames.Name(s.Norm));
        _trainEps.Add(ColumnValues.TrainEps(s));
        _seed.Add(s.Seed);
        _epochs.Add(s.Epochs);
        _batchSize.Add(s.BatchSize);
        _learningRate.Add(s.LearningRate);
        _reduction.Add(EnumNames.Name(s.Reduction));
        _shuffle.Add(s.Shuffle);
        _attackStart.Add(s.AttackStart);
        _attackStop.Add(s.AttackStop);
        _attackCount.Add(s.AttackCount);
        _clip.Add(s.Clip);
        _closest.Add(s.ClosestCount);
        _status.Add(EnumNames.Name(r.Status));
        _error.Add(r.Error);
        _attempts.Add(r.Attempts);
        _silo.Add(r.Silo);
        _duration.Add(r.DurationSeconds);
        _trainAccuracy.Add(ok ? r.TrainAccuracy : null);
        _testAccuracy.Add(ok ? r.TestAccuracy : null);
        _eps50.Add(ok ? r.Eps50 : null);
        _curveArea.Add(ok ? r.CurveArea : null);
        _weightL1.Add(ok ? r.WeightL1 : null);
        _smallWeights.Add(ok ? r.SmallWeightFraction : null);
        _bias.Add(ok ? r.Bias : null);
        _weights.Add(r.Weights);
        return _file.EndRowAsync();
    }
}
