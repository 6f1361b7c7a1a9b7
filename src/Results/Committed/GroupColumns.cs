using Parquet;
using RobustGrid.Results.Reading;

namespace RobustGrid.Results.Committed;

/// <summary>The columns of a runs row group that a <see cref="Grains.Contracts.Messages.RunRecord"/> is rebuilt from (every one but sweep_id).</summary>
internal sealed class RunsGroupColumns
{
    public required string[] DatasetName, DatasetHash, DatasetSource, Mode, Norm, Reduction, Status, Silo;
    public required string?[] Error;
    public required int[] NegativeClass, PositiveClass, Epochs, BatchSize, AttackCount, ClosestCount, Attempts;
    public required double?[] TrainEps, TrainAccuracy, TestAccuracy, Eps50, CurveArea, WeightL1, SmallWeightFraction;
    public required long[] Seed;
    public required float[] LearningRate;
    public required bool[] Shuffle, Clip;
    public required double[] AttackStart, AttackStop, DurationSeconds;
    public required float?[] Bias;
    public required FloatLists Weights;

    public static async Task<RunsGroupColumns> ReadAsync(ParquetColumns f, ParquetRowGroupReader g, CancellationToken c) => new()
    {
        DatasetName = await f.StringsAsync(g, "dataset_name", c),
        DatasetHash = await f.StringsAsync(g, "dataset_hash", c),
        DatasetSource = await f.StringsAsync(g, "dataset_source", c),
        NegativeClass = await f.ValuesAsync<int>(g, "negative_class", c),
        PositiveClass = await f.ValuesAsync<int>(g, "positive_class", c),
        Mode = await f.StringsAsync(g, "mode", c),
        Norm = await f.StringsAsync(g, "norm", c),
        TrainEps = await f.NullablesAsync<double>(g, "train_eps", c),
        Seed = await f.ValuesAsync<long>(g, "seed", c),
        Epochs = await f.ValuesAsync<int>(g, "epochs", c),
        BatchSize = await f.ValuesAsync<int>(g, "batch_size", c),
        LearningRate = await f.ValuesAsync<float>(g, "learning_rate", c),
        Reduction = await f.StringsAsync(g, "reduction", c),
        Shuffle = await f.ValuesAsync<bool>(g, "shuffle", c),
        AttackStart = await f.ValuesAsync<double>(g, "attack_eps_start", c),
        AttackStop = await f.ValuesAsync<double>(g, "attack_eps_stop", c),
        AttackCount = await f.ValuesAsync<int>(g, "attack_eps_count", c),
        Clip = await f.ValuesAsync<bool>(g, "clip", c),
        ClosestCount = await f.ValuesAsync<int>(g, "closest_count", c),
        Status = await f.StringsAsync(g, "status", c),
        Error = await NullableStringsAsync(f, g, "error", c),
        Attempts = await f.ValuesAsync<int>(g, "attempts", c),
        Silo = await f.StringsAsync(g, "silo", c),
        DurationSeconds = await f.ValuesAsync<double>(g, "duration_seconds", c),
        TrainAccuracy = await f.NullablesAsync<double>(g, "train_accuracy", c),
        TestAccuracy = await f.NullablesAsync<double>(g, "test_accuracy", c),
        Eps50 = await f.NullablesAsync<double>(g, "eps50", c),
        CurveArea = await f.NullablesAsync<double>(g, "curve_area", c),
        WeightL1 = await f.NullablesAsync<double>(g, "weight_l1", c),
        SmallWeightFraction = await f.NullablesAsync<double>(g, "small_weight_fraction", c),
        Bias = await f.NullablesAsync<float>(g, "bias", c),
        Weights = await f.FloatListsAsync(g, "weights", c),
    };

    /// <summary>A string column whose nulls stay null (<see cref="ParquetColumns.StringsAsync"/> turns them into "").</summary>
    private static async Task<string?[]> NullableStringsAsync(ParquetColumns f, ParquetRowGroupReader g, string column, CancellationToken c)
    {
        var values = new string?[checked((int)g.RowCount)];
        await g.ReadAsync(f.Field(column), values.AsMemory(), null, c);
        return values;
    }
}

/// <summary>The columns of a curves row group a run's curve arrays are rebuilt from.</summary>
internal sealed class CurvesGroupColumns
{
    public required int[] EpsIndex, MisclassifiedCount;
    public required double[] AttackEps, RobustAccuracy;
    public required FloatLists Quantiles;

    public static async Task<CurvesGroupColumns> ReadAsync(ParquetColumns f, ParquetRowGroupReader g, CancellationToken c) => new()
    {
        EpsIndex = await f.ValuesAsync<int>(g, "eps_index", c),
        AttackEps = await f.ValuesAsync<double>(g, "attack_eps", c),
        RobustAccuracy = await f.ValuesAsync<double>(g, "robust_accuracy", c),
        MisclassifiedCount = await f.ValuesAsync<int>(g, "misclassified_count", c),
        Quantiles = await f.FloatListsAsync(g, "misclassified_abs_logit_quantiles", c),
    };
}

/// <summary>The columns of an epochs row group a run's training history is rebuilt from.</summary>
internal sealed class EpochsGroupColumns
{
    public required int[] Epoch;
    public required double[] TrainLoss, TestLoss, TrainAccuracy, TestAccuracy;
    public required FloatLists WeightAbsQuantiles;

    public static async Task<EpochsGroupColumns> ReadAsync(ParquetColumns f, ParquetRowGroupReader g, CancellationToken c) => new()
    {
        Epoch = await f.ValuesAsync<int>(g, "epoch", c),
        TrainLoss = await f.ValuesAsync<double>(g, "train_loss", c),
        TestLoss = await f.ValuesAsync<double>(g, "test_loss", c),
        TrainAccuracy = await f.ValuesAsync<double>(g, "train_accuracy", c),
        TestAccuracy = await f.ValuesAsync<double>(g, "test_accuracy", c),
        WeightAbsQuantiles = await f.FloatListsAsync(g, "weight_abs_quantiles", c),
    };
}

/// <summary>The columns of a misclassified row group a run's closest samples are rebuilt from.</summary>
internal sealed class MisclassifiedGroupColumns
{
    public required int[] EpsIndex, Rank, SampleIndex;
    public required float[] Logit;

    public static async Task<MisclassifiedGroupColumns> ReadAsync(ParquetColumns f, ParquetRowGroupReader g, CancellationToken c) => new()
    {
        EpsIndex = await f.ValuesAsync<int>(g, "eps_index", c),
        Rank = await f.ValuesAsync<int>(g, "rank", c),
        SampleIndex = await f.ValuesAsync<int>(g, "sample_index", c),
        Logit = await f.ValuesAsync<float>(g, "logit", c),
    };
}
