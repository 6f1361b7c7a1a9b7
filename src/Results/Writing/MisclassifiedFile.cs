using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Results.Writing;

/// <summary>
/// misclassified.parquet: one row per run, radius and rank (<see cref="MisclassifiedRow"/>). A row names its test
/// sample by dataset hash and index in the dataset's test split; the images live once in samples.parquet
/// (<see cref="SamplesFile"/>), which collects every sample named here.
/// </summary>
internal sealed class MisclassifiedFile
{
    /// <summary>About 32 runs' rows per group at 101 radii and 10 samples each.</summary>
    public const int RowsPerGroup = 1 << 15;

    private readonly RowGroupFile _file;
    private readonly RunColumns _run;
    private readonly SamplesFile _samples;
    private readonly Func<RunSpec, int, TestSample> _sample;
    // A task's test index to its sample, looked up once per task (dataset and class pair).
    private readonly Dictionary<(string Hash, int Negative, int Positive), Dictionary<int, TestSample>> _lookedUp = [];
    private readonly StringColumn _datasetHash;
    private readonly ValueColumn<int> _epsIndex, _rank, _sampleIndex, _label;
    private readonly ValueColumn<double> _attackEps;
    private readonly ValueColumn<float> _logit;

    public MisclassifiedFile(RowGroupFile file, string sweepId, SamplesFile samples, Func<RunSpec, int, TestSample> sample)
    {
        (_file, _samples, _sample) = (file, samples, sample);
        _run = new RunColumns(file, sweepId);
        _datasetHash = file.String("dataset_hash");
        _epsIndex = file.Value<int>("eps_index");
        _attackEps = file.Value<double>("attack_eps");
        _rank = file.Value<int>("rank");
        _sampleIndex = file.Value<int>("sample_index");
        _label = file.Value<int>("label");
        _logit = file.Value<float>("logit");
    }

    /// <summary>Adds a run's rows, by eps index, then rank.</summary>
    public async ValueTask AddAsync(RunRecord r)
    {
        if (r.Misclassified.Length == 0)
        {
            return;
        }
        RunColumns run = _run.Of(r);
        Dictionary<int, TestSample> samples = SamplesOf(r.Spec);
        foreach (MisclassifiedRecord m in InOrder(r.Misclassified))
        {
            if (!samples.TryGetValue(m.TestIndex, out TestSample? sample))
            {
                sample = _sample(r.Spec, m.TestIndex);
                samples[m.TestIndex] = sample;
                _samples.Add(r.Spec.DatasetHash, sample);
            }
            run.AddRow();
            _datasetHash.Add(r.Spec.DatasetHash);
            _epsIndex.Add(m.EpsIndex);
            _attackEps.Add(r.CurveEps[m.EpsIndex]);
            _rank.Add(m.Rank);
            _sampleIndex.Add(sample.SampleIndex);
            _label.Add(sample.Label);
            _logit.Add(m.Logit);
            await _file.EndRowAsync();
        }
    }

    private Dictionary<int, TestSample> SamplesOf(RunSpec spec)
    {
        var task = (spec.DatasetHash, spec.NegativeClass, spec.PositiveClass);
        if (!_lookedUp.TryGetValue(task, out Dictionary<int, TestSample>? samples))
        {
            samples = [];
            _lookedUp[task] = samples;
        }
        return samples;
    }

    /// <summary>The rows in file order; a run's records come in that order already, so this sorts only when they do not.</summary>
    private static IEnumerable<MisclassifiedRecord> InOrder(MisclassifiedRecord[] records)
    {
        for (int i = 1; i < records.Length; i++)
        {
            if ((records[i - 1].EpsIndex, records[i - 1].Rank).CompareTo((records[i].EpsIndex, records[i].Rank)) > 0)
            {
                return records.OrderBy(m => m.EpsIndex).ThenBy(m => m.Rank);
            }
        }
        return records;
    }
}
