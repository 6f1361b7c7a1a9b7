using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Sweeps;

/// <summary>What a coordinator answers when asked where its sweep stands.</summary>
public static class SweepProgresses
{
    /// <summary>
    /// Unknown for a sweep never started; while the sweep runs in this activation, its ledger's counts; otherwise what
    /// its state says (a finished sweep: every run that did not fail completed). <paramref name="coordinator"/> is the
    /// silo answering; <paramref name="silos"/> the runs recorded per silo while it runs (<see cref="SweepResultsStream.RecordedBySilo"/>).
    /// </summary>
    public static SweepProgress Of(string sweepId, SweepState state, SweepLedger? ledger, string coordinator, SiloRuns[]? silos = null)
    {
        if (state.Spec is null)
        {
            return SweepProgress.Unknown(sweepId);
        }
        string[] faults = state.Error is null ? [] : [state.Error];
        (int total, int completed, int failed, int running) = ledger is null
            ? (state.Total, state.Total - state.Failed, state.Failed, 0)
            : (ledger.Total, ledger.Completed, ledger.Failed, ledger.Running);
        return new SweepProgress(sweepId, state.Phase, total, completed, failed, running, faults, state.ResultsDirectory, state.StartedAt, state.FinishedAt, coordinator, state.Committed, silos);
    }

    /// <summary>A request refused before anything ran: nothing counted, nothing written, no coordinator named.</summary>
    public static SweepProgress Rejected(string sweepId, params string[] faults) =>
        new(sweepId, SweepPhase.Rejected, 0, 0, 0, 0, faults, null, null, null);
}
