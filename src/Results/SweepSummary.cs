namespace RobustGrid.Results;

/// <summary>The per-model table of a sweep: mean and std over seeds of the headline numbers.</summary>
public static class SweepSummary
{
    /// <summary>
    /// Groups runs by (dataset, pair, mode, norm, train eps); regular first, then robust by norm and eps.
    /// Accuracy at eps e is the curve point within 1e-9 of e (NaN mean if the grid lacks it); runs whose curve
    /// never falls below 50% are left out of the eps50 mean (its Count says how many had one).
    /// </summary>
    public static IReadOnlyList<ModelSummary> Compute(IReadOnlyList<RunRow> runs, IReadOnlyList<CurveRow> curves)
    {
        ILookup<string, CurveRow> byRun = curves.ToLookup(c => c.RunKey);
        return runs
            .GroupBy(r => (r.DatasetName, r.NegativeClass, r.PositiveClass, r.Mode, r.Norm, r.TrainEps))
            .OrderBy(g => g.Key.DatasetName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.NegativeClass).ThenBy(g => g.Key.PositiveClass)
            .ThenBy(g => g.Key.Mode == "regular" ? 0 : 1)
            .ThenBy(g => g.Key.Norm, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TrainEps ?? 0)
            .Select(g =>
            {
                var done = g.Where(r => r.Status == "completed").ToList();
                double At(RunRow r, double eps) => byRun[r.RunKey].FirstOrDefault(c => Math.Abs(c.AttackEps - eps) < 1e-9)?.RobustAccuracy ?? double.NaN;
                MeanStd AccuracyAt(double eps) => done.Select(r => At(r, eps)).Any(double.IsNaN) ? new MeanStd(double.NaN, double.NaN, 0) : MeanStd.Of(done.Select(r => At(r, eps)));
                return new ModelSummary(
                    g.Key.DatasetName, g.Key.NegativeClass, g.Key.PositiveClass, g.Key.Mode, g.Key.Norm, g.Key.TrainEps,
                    done.Count, g.Count() - done.Count,
                    MeanStd.Of(done.Select(r => r.TestAccuracy ?? double.NaN)),
                    AccuracyAt(0.1), AccuracyAt(0.2), AccuracyAt(0.3),
                    MeanStd.Of(done.Where(r => r.Eps50 is not null).Select(r => r.Eps50!.Value)));
            })
            .ToList();
    }
}
