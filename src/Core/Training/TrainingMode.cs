namespace RobustGrid.Core.Training;

/// <summary>How a run trains: on the plain hinge, or on the exact worst case inside the threat ball.</summary>
public enum TrainingMode
{
    /// <summary>Plain hinge max(0, 1 - y f(x)).</summary>
    Regular = 0,

    /// <summary>Robust hinge max(0, 1 - (y f(x) - eps * ||w||_dual)).</summary>
    Robust = 1,
}
