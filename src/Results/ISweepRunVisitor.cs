namespace RobustGrid.Results;

/// <summary>
/// Sees what <see cref="SweepSummaryBuilder.AddAsync"/> reads besides the table: every run (completed or failed, in the
/// files' order) and every curve point of its completed runs, so a reader that needs more than the table (the
/// dashboard's seed bands, its failed runs) reads each file once.
/// </summary>
public interface ISweepRunVisitor
{
    /// <summary>A run as runs.parquet has it (without its weights and with the columns the table reads, plus seed and error).</summary>
    void Run(RunRow run);

    /// <summary>Point <paramref name="index"/> (its eps_index) of completed run <paramref name="run"/>'s curve.</summary>
    void CurvePoint(RunRow run, int index, double attackEps, double accuracy);
}
