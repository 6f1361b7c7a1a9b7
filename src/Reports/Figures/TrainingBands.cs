namespace RobustGrid.Reports.Figures;

/// <summary>A model's training history over seeds: per epoch, the bands of its test and train loss and accuracy.</summary>
internal sealed record TrainingBands(SeedBands TestLoss, SeedBands TrainLoss, SeedBands TestAccuracy, SeedBands TrainAccuracy)
{
    public static TrainingBands Empty { get; } = new(SeedBands.Empty, SeedBands.Empty, SeedBands.Empty, SeedBands.Empty);

    /// <summary>The series order of the builder: test loss, train loss, test accuracy, train accuracy.</summary>
    public static TrainingBands Of(SeedBandsBuilder builder) => new(builder.Band(0), builder.Band(1), builder.Band(2), builder.Band(3));
}
