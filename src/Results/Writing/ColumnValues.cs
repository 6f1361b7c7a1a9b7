using System.Globalization;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>How record values become column values, the same in every file.</summary>
internal static class ColumnValues
{
    /// <summary>Enums are lower-case strings: "regular", "linf", "completed".</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);

    /// <summary>A regular run has no training eps: null, not 0.</summary>
    public static double? TrainEps(RunSpec s) => s.Mode == TrainingMode.Regular ? null : s.Eps;
}
