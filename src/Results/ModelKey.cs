using System.Globalization;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;

namespace RobustGrid.Results;

/// <summary>
/// A trained model of a sweep, whose runs differ only by seed within a task: its mode and training eps (none for
/// regular training). The one label and order of models in the CLI's tables, <c>robustgrid results</c> and the report.
/// </summary>
public sealed record ModelKey(TrainingMode Mode, double? TrainEps) : IComparable<ModelKey>
{
    /// <summary>The key of a run of <paramref name="mode"/> at <paramref name="eps"/>: a regular run has no training eps.</summary>
    public static ModelKey Of(TrainingMode mode, double? eps) => new(mode, mode == TrainingMode.Regular ? null : eps);

    /// <summary>The key of the <c>mode</c> and <c>train_eps</c> columns of a results file.</summary>
    public static ModelKey Of(string mode, double? trainEps) => Of(EnumNames.Parse<TrainingMode>(mode), trainEps);

    /// <summary>"regular", or "robust eps 0.1" (the training eps, shortest round-trip).</summary>
    public string Label => Mode == TrainingMode.Regular
        ? EnumNames.Name(Mode)
        : string.Create(CultureInfo.InvariantCulture, $"{EnumNames.Name(Mode)} eps {TrainEps}");

    /// <summary>Regular first, then robust by training eps.</summary>
    public int CompareTo(ModelKey? other) =>
        other is null ? 1 : Mode != other.Mode ? Mode.CompareTo(other.Mode) : (TrainEps ?? 0).CompareTo(other.TrainEps ?? 0);
}
