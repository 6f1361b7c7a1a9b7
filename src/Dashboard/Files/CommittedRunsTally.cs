using RobustGrid.Core.Runs;
using RobustGrid.Dashboard.Model;
using RobustGrid.Results;

namespace RobustGrid.Dashboard.Files;

/// <summary>
/// What the page shows of a sweep's committed runs besides the summary table, filled as <see cref="SweepSummaryBuilder"/>
/// reads each part: completed and failed counts, the failed runs and their errors (the first <see cref="MaxFailedShown"/>),
/// and a <see cref="CurveBand"/> per model (section and mode with training eps, the table's grouping).
/// </summary>
public sealed class CommittedRunsTally : ISweepRunVisitor
{
    /// <summary>Failed runs listed on the page; the rest are counted.</summary>
    public const int MaxFailedShown = 100;

    private readonly Dictionary<(string Section, ModelKey Model), CurveBand> _bands = [];
    private readonly List<FailedRunView> _failed = [];
    private (RunRow Run, CurveBand Band)? _current;

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public IReadOnlyList<FailedRunView> FailedRuns => _failed;

    public void Run(RunRow run)
    {
        string section = Sections.Label(run.DatasetName, run.NegativeClass, run.PositiveClass, run.Norm);
        ModelKey model = ModelKey.Of(run.Mode, run.TrainEps);
        if (run.Status != RunRow.CompletedStatus)
        {
            Failed++;
            if (_failed.Count < MaxFailedShown)
            {
                _failed.Add(new FailedRunView(run.RunKey, section, model.Label, run.Seed, run.Error ?? ""));
            }
            return;
        }
        Completed++;
        if (!_bands.TryGetValue((section, model), out CurveBand? band))
        {
            band = new CurveBand();
            _bands.Add((section, model), band);
        }
        band.AddRun();
        _current = (run, band);
    }

    public void CurvePoint(RunRow run, int index, double attackEps, double accuracy)
    {
        if (_current is not { } current || !ReferenceEquals(current.Run, run))
        {
            current = (run, _bands[(Sections.Label(run.DatasetName, run.NegativeClass, run.PositiveClass, run.Norm), ModelKey.Of(run.Mode, run.TrainEps))]);
            _current = current;
        }
        current.Band.Add(index, attackEps, accuracy);
    }

    /// <summary>The models' curves: by section, then regular first and robust by training eps (the table's order).</summary>
    public IReadOnlyList<ModelCurveView> Curves() =>
        [.. _bands.OrderBy(b => b.Key.Section, StringComparer.Ordinal).ThenBy(b => b.Key.Model)
            .Select(b => (b.Key, Points: b.Value.Points(), b.Value.Runs))
            .Select(b => new ModelCurveView(b.Key.Section, b.Key.Model.Label, b.Runs, b.Points.Eps, b.Points.Mean, b.Points.Std))];
}
