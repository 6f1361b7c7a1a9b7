using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>
/// A coordinator's durable state, small whatever the sweep's size: the spec (its runs are planned from it again on
/// resume, and <see cref="PlanFingerprint"/> says whether that plan is still the one the sweep started), where the sweep
/// is, how many runs in key order are committed to the results' parts (the commit record: written with the state's
/// etag, so two activations never both commit), and the outcomes of runs that failed or needed retries. Results
/// themselves are in the committed parts: a coordinator that resumes keeps them and asks again the runs above
/// <see cref="Committed"/> without an outcome.
/// </summary>
[GenerateSerializer]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }

    [Id(11)] public int Total { get; set; }

    [Id(2)] public SweepPhase Phase { get; set; }

    [Id(3)] public string? ResultsDirectory { get; set; }

    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(6)] public int Failed { get; set; }

    [Id(7)] public string? Error { get; set; }

    /// <summary>Runs that failed for good or completed after retries (<see cref="SweepLedger.Outcomes"/>).</summary>
    [Id(8)] public Dictionary<string, RunOutcome> Finished { get; set; } = [];

    /// <summary>The first runs in run-key order whose parts are committed (a multiple of the runs per part, or all).</summary>
    [Id(9)] public int Committed { get; set; }

    /// <summary>A hash of the planned run keys: a plan made again from the spec must give the same runs.</summary>
    [Id(10)] public string PlanFingerprint { get; set; } = "";
}
