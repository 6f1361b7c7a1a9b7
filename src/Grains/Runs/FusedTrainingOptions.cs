namespace RobustGrid.Grains.Runs;

/// <summary>
/// The "RobustGrid:Training" section: how a silo's <see cref="SiloTrainer"/> groups runs. Neither knob changes a
/// result, only how fast runs train.
/// </summary>
public sealed class FusedTrainingOptions
{
    public const string Section = "RobustGrid:Training";

    /// <summary>K, the most runs one group trains in lockstep on one core; 1 trains every run alone.</summary>
    public int GroupSize { get; set; } = 8;

    /// <summary>How long a free core waits for a group to fill, from the arrival of its oldest run, in milliseconds.</summary>
    public double WindowMilliseconds { get; set; } = 10;

    public TimeSpan Window => TimeSpan.FromMilliseconds(Math.Max(0, WindowMilliseconds));

    /// <summary>The faults of these settings, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var faults = new List<string>();
        if (GroupSize < 1 || GroupSize > 256)
        {
            faults.Add($"RobustGrid:Training:GroupSize must be 1..256 (got {GroupSize}).");
        }
        if (!double.IsFinite(WindowMilliseconds) || WindowMilliseconds < 0 || WindowMilliseconds > 10_000)
        {
            faults.Add($"RobustGrid:Training:WindowMilliseconds must be 0..10000 (got {WindowMilliseconds}).");
        }
        return faults;
    }
}
