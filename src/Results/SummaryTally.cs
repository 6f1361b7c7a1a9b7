using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;

namespace RobustGrid.Results;

/// <summary>
/// The per-model tallies behind <see cref="SweepSummary"/>, filled one run at a time: per run it keeps a few numbers in
/// its model's lists (clean accuracy, eps50, its curve points at the table radii), never a row object, so a
/// 100,000-run sweep's table costs a few megabytes.
/// </summary>
internal sealed class SummaryTally(IReadOnlyList<double>? tableEps)
{
    private readonly Dictionary<(string Dataset, int Negative, int Positive, ThreatNorm Norm, ModelKey Model), Model> _models = [];

    /// <summary>
    /// Adds a run (in the files' order); a completed run gets <paramref name="points"/> curve points, NaN until
    /// <see cref="SetPoint"/> fills them. Returns the model and the index of the run's first point.
    /// </summary>
    public (Model Model, int FirstPoint) Add(RunRow run, int points)
    {
        var key = (run.DatasetName, run.NegativeClass, run.PositiveClass, EnumNames.Parse<ThreatNorm>(run.Norm), ModelKey.Of(run.Mode, run.TrainEps));
        if (!_models.TryGetValue(key, out Model? model))
        {
            model = new Model(run, key.Item4, key.Item5);
            _models.Add(key, model);
        }
        var grid = new AttackGrid(run.AttackEpsStart, run.AttackEpsStop, run.AttackEpsCount);
        if (run.Status != RunRow.CompletedStatus)
        {
            model.Failed++;
            return (model, -1);
        }
        model.Reference ??= grid;
        model.Clean.Add(run.TestAccuracy ?? double.NaN);
        if (run.Eps50 is double eps50)
        {
            model.Eps50.Add(eps50);
        }
        int first = model.PointEps.Count;
        model.RunStarts.Add(first);
        for (int p = 0; p < points; p++)
        {
            model.PointEps.Add(double.NaN);
            model.PointAccuracy.Add(double.NaN);
        }
        return (model, first);
    }

    /// <summary>Records a curve point of a run: its attack eps as the file has it, and the accuracy there.</summary>
    public static void SetPoint(Model model, int point, double attackEps, double accuracy) =>
        (model.PointEps[point], model.PointAccuracy[point]) = (attackEps, accuracy);

    /// <summary>
    /// The table: regular first, then robust by norm and eps. A model's radii are <see cref="TableRadii.For"/> the grid
    /// of its first completed run (first run if none); a run's accuracy at eps is its first point within 1e-9 of eps,
    /// and a radius where any run lacks one has a NaN mean.
    /// </summary>
    public IReadOnlyList<ModelSummary> Summaries() =>
        _models.Values
            .OrderBy(m => m.First.DatasetName, StringComparer.Ordinal)
            .ThenBy(m => m.First.NegativeClass).ThenBy(m => m.First.PositiveClass)
            .ThenBy(m => m.Key.Mode)
            .ThenBy(m => EnumNames.Name(m.Norm), StringComparer.Ordinal)
            .ThenBy(m => m.Key)
            .Select(Summary)
            .ToList();

    private ModelSummary Summary(Model m)
    {
        RunRow f = m.First;
        AttackGrid grid = m.Reference ?? new AttackGrid(f.AttackEpsStart, f.AttackEpsStop, f.AttackEpsCount);
        double[] radii = TableRadii.For(grid, tableEps);
        return new ModelSummary(
            f.DatasetName, f.NegativeClass, f.PositiveClass, m.Norm, m.Key,
            m.RunStarts.Count, m.Failed, MeanStd.Of(m.Clean), radii, [.. radii.Select(m.AccuracyAt)], MeanStd.Of(m.Eps50));
    }

    /// <summary>One model's tallies, in the order its runs were added.</summary>
    internal sealed class Model(RunRow first, ThreatNorm norm, ModelKey key)
    {
        /// <summary>The model's first run, for its task and, if none completes, its grid.</summary>
        public RunRow First { get; } = first;

        public ThreatNorm Norm { get; } = norm;

        public ModelKey Key { get; } = key;

        public AttackGrid? Reference { get; set; }

        public int Failed { get; set; }

        public List<double> Clean { get; } = [];

        public List<double> Eps50 { get; } = [];

        /// <summary>Index of each completed run's first point in <see cref="PointEps"/>.</summary>
        public List<int> RunStarts { get; } = [];

        public List<double> PointEps { get; } = [];

        public List<double> PointAccuracy { get; } = [];

        public MeanStd AccuracyAt(double eps)
        {
            var values = new double[RunStarts.Count];
            for (int r = 0; r < RunStarts.Count; r++)
            {
                int end = r + 1 < RunStarts.Count ? RunStarts[r + 1] : PointEps.Count;
                values[r] = double.NaN;
                for (int p = RunStarts[r]; p < end; p++)
                {
                    if (Math.Abs(PointEps[p] - eps) < 1e-9)
                    {
                        values[r] = PointAccuracy[p];
                        break;
                    }
                }
                if (double.IsNaN(values[r]))
                {
                    return new MeanStd(double.NaN, double.NaN, 0);
                }
            }
            return MeanStd.Of(values);
        }
    }
}
