using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>epochs.parquet: one row per run and epoch (<see cref="EpochRow"/>).</summary>
internal sealed class EpochsFile
{
    /// <summary>About 1,600 ten-epoch runs per group.</summary>
    public const int RowsPerGroup = 1 << 14;

    private readonly RowGroupFile _file;
    private readonly RunColumns _run;
    private readonly ValueColumn<int> _epoch;
    private readonly ValueColumn<double> _trainLoss, _testLoss, _trainAccuracy, _testAccuracy;
    private readonly ListColumn<float> _weightQuantiles;

    public EpochsFile(RowGroupFile file, string sweepId)
    {
        _file = file;
        _run = new RunColumns(file, sweepId);
        _epoch = file.Value<int>("epoch");
        _trainLoss = file.Value<double>("train_loss");
        _testLoss = file.Value<double>("test_loss");
        _trainAccuracy = file.Value<double>("train_accuracy");
        _testAccuracy = file.Value<double>("test_accuracy");
        _weightQuantiles = file.List<float>("weight_abs_quantiles");
    }

    public async ValueTask AddAsync(RunRecord r)
    {
        RunColumns run = _run.Of(r);
        foreach (EpochRecord e in r.Epochs)
        {
            run.AddRow();
            _epoch.Add(e.Epoch);
            _trainLoss.Add(e.TrainLoss);
            _testLoss.Add(e.TestLoss);
            _trainAccuracy.Add(e.TrainAccuracy);
            _testAccuracy.Add(e.TestAccuracy);
            _weightQuantiles.Add(e.WeightAbsQuantiles);
            await _file.EndRowAsync();
        }
    }
}
