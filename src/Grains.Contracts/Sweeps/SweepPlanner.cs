using System.Globalization;
using RobustGrid.Core.Data;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Core.Training;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>Validates a sweep spec as a whole and expands it into its distinct run points.</summary>
public static class SweepPlanner
{
    /// <summary>The result of planning: the runs in a fixed order, or the faults (then no runs).</summary>
    public sealed record Plan(IReadOnlyList<RunSpec> Runs, IReadOnlyList<string> Faults);

    /// <summary>
    /// Checks every field (unknown mode or norm, numbers out of <see cref="SweepSpecLimits"/>, no seeds, classes absent from the dataset,
    /// bad hyper-parameters or attack grid, a grid over <paramref name="maxRuns"/>) and expands pairs x modes x norms x
    /// eps x seeds, where a regular run has no eps; "pairs": "all" expands to every pair of the dataset's classes. Duplicate points are dropped.
    /// </summary>
    public static Plan Create(SweepSpec spec, Func<DatasetRef, Dataset> loadDataset, int maxRuns)
    {
        var faults = new List<string>();
        List<TrainingMode> modes = Defined(spec.Modes, faults);
        List<ThreatNorm> norms = Defined(spec.Norms, faults);
        double[] eps = spec.Eps ?? [];
        faults.AddRange(SweepSpecLimits.Check(spec));
        if (modes.Contains(TrainingMode.Robust) && eps.Length == 0)
        {
            faults.Add("robust runs need at least one eps.");
        }
        long[] seeds = spec.Seeds ?? [];
        if (seeds.Length == 0)
        {
            faults.Add("the sweep has no seeds.");
        }
        var grid = new AttackGrid(0, spec.AttackEpsMax, spec.AttackPoints);
        faults.AddRange(grid.Validate());

        Dataset? dataset = null;
        try
        {
            dataset = loadDataset(spec.Dataset ?? DatasetRef.Embedded);
        }
        catch (DatasetException e)
        {
            faults.Add($"dataset: {e.Message}");
        }
        int[][] pairs = spec.AllPairs ? (dataset is null ? [] : SweepPairs.All(dataset.Classes)) : spec.Pairs ?? [];
        if (pairs.Length == 0 && !(spec.AllPairs && dataset is null))
        {
            faults.Add(spec.AllPairs ? $"pairs \"all\" needs a dataset with two classes or more ({dataset!.Name} has {dataset.Classes.Count})." : "the sweep has no class pairs.");
        }
        foreach (int[] pair in pairs)
        {
            if (pair is not { Length: 2 } || pair[0] == pair[1])
            {
                faults.Add($"a class pair needs two different classes (got [{string.Join(",", pair ?? [])}]).");
            }
            else if (dataset is not null)
            {
                foreach (int c in pair.Where(c => !dataset.Classes.Contains(c)))
                {
                    faults.Add($"class {c} is not in dataset {dataset.Name} (its classes are {string.Join(",", dataset.Classes)}).");
                }
            }
        }

        long size = (long)pairs.Length * norms.Count * seeds.Distinct().Count()
            * (modes.Count(m => m == TrainingMode.Regular) + modes.Count(m => m == TrainingMode.Robust) * (long)eps.Distinct().Count());
        long modelsPerPair = modes.Contains(TrainingMode.Regular) ? 1 : 0;
        modelsPerPair += modes.Contains(TrainingMode.Robust) ? eps.Distinct().Count() : 0;
        if (spec.Transfer && modelsPerPair * seeds.Distinct().Count() < 2)
        {
            faults.Add("transfer needs two runs to compare on each class pair and norm: two models or two seeds or more.");
        }
        if (size > maxRuns)
        {
            faults.Add($"the grid has {size} runs, more than the limit of {maxRuns} (RobustGrid:MaxRunsPerSweep).");
        }
        if (faults.Count > 0 || dataset is null)
        {
            return new Plan([], faults);
        }

        var runs = new List<RunSpec>();
        var keys = new HashSet<string>();
        foreach (int[] pair in pairs)
        {
            foreach (TrainingMode mode in modes.Distinct())
            {
                HyperParameters preset = HyperParameters.SeedFaithful(mode);
                var hp = new HyperParameters(spec.Epochs ?? preset.Epochs, spec.BatchSize ?? preset.BatchSize, spec.LearningRate ?? preset.LearningRate, preset.Reduction, spec.Shuffle);
                foreach (ThreatNorm norm in norms.Distinct())
                {
                    foreach (double e in mode == TrainingMode.Regular ? [0.0] : eps)
                    {
                        foreach (long seed in seeds)
                        {
                            var point = new RunPoint(dataset.Name, dataset.ContentHash, pair[0], pair[1], mode, norm, e, seed, hp, grid, spec.Clip, spec.ClosestCount);
                            IReadOnlyList<string> pointFaults = point.Validate();
                            if (pointFaults.Count > 0)
                            {
                                return new Plan([], pointFaults.Distinct().ToList());
                            }
                            string key = point.Key;
                            if (keys.Add(key))
                            {
                                runs.Add(RunSpec.From(point, spec.Dataset ?? DatasetRef.Embedded, key));
                            }
                        }
                    }
                }
            }
        }
        return new Plan(runs, []);
    }

    /// <summary>The values that are members of <typeparamref name="T"/>; a fault for each other one (it came over the wire as a number), and for none at all.</summary>
    private static List<T> Defined<T>(T[]? values, List<string> faults)
        where T : struct, Enum
    {
        if (values is null || values.Length == 0)
        {
            faults.Add($"the sweep has no {EnumNames.What<T>()}s.");
            return [];
        }
        foreach (T value in values.Where(v => !Enum.IsDefined(v)))
        {
            faults.Add(EnumNames.Unknown<T>(value));
        }
        return [.. values.Where(Enum.IsDefined)];
    }
}
