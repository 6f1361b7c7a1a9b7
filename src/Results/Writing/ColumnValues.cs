using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>How record values become column values, the same in every file.</summary>
internal static class ColumnValues
{
    /// <summary>A regular run has no training eps: null, not 0.</summary>
    public static double? TrainEps(RunSpec s) => s.Mode == TrainingMode.Regular ? null : s.Eps;
}
