namespace RobustGrid.Core.Training;

/// <summary>How per-sample losses of a batch combine before differentiation.</summary>
public enum LossReduction
{
    /// <summary>The batch mean (the study's regular training).</summary>
    Mean = 0,

    /// <summary>The batch sum (the study's robust training: the reference code differentiated the summed vector).</summary>
    Sum = 1,
}
