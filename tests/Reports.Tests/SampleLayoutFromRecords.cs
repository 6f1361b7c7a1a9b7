using RobustGrid.Core.Data;
using RobustGrid.Grains.Contracts.Messages;
using RobustGrid.Results;

namespace RobustGrid.Reports.Tests;

/// <summary>
/// Writes a sweep's misclassified.parquet and samples.parquet in the sample layout from its run records, as the
/// product's writer will: each row names its sample by the index in the dataset's test split (the task's test
/// index mapped through <see cref="TaskSplit.SourceIndices"/>), and each named sample's image is stored once.
/// </summary>
public static class SampleLayoutFromRecords
{
    public static async Task WriteAsync(string directory, string sweepId, IReadOnlyList<RunRecord> records, BinaryTask task, Dataset dataset, bool legacy = false)
    {
        var samples = new Dictionary<int, SampleEntry>();
        await using (SampleLayoutWriter writer = await SampleLayoutWriter.CreateAsync(Path.Combine(directory, SweepResultsWriter.Misclassified), sweepId, legacy))
        {
            foreach (RunRecord run in records.OrderBy(r => r.RunKey, StringComparer.Ordinal))
            {
                string mode = run.Spec.Mode.ToString().ToLowerInvariant(), norm = run.Spec.Norm.ToString().ToLowerInvariant();
                double? trainEps = run.Spec.Mode == RobustGrid.Core.Training.TrainingMode.Regular ? null : run.Spec.Eps;
                foreach (MisclassifiedRecord m in run.Misclassified.OrderBy(m => m.EpsIndex).ThenBy(m => m.Rank))
                {
                    int sampleIndex = task.Test.SourceIndices[m.TestIndex];
                    byte[] image = dataset.Test.Row(sampleIndex).ToArray();
                    samples[sampleIndex] = new SampleEntry(run.Spec.DatasetHash, sampleIndex, dataset.Test.Labels[sampleIndex], image, dataset.Test.Rows, dataset.Test.Columns);
                    await writer.AddAsync(new MisclassifiedEntry(run.RunKey, mode, norm, trainEps, run.Spec.Seed, run.Spec.DatasetHash,
                        m.EpsIndex, run.CurveEps[m.EpsIndex], m.Rank, legacy ? m.TestIndex : sampleIndex, task.Test.Labels[m.TestIndex], m.Logit), image);
                }
            }
        }
        string samplesFile = Path.Combine(directory, Model.SampleFiles.Samples);
        if (legacy)
        {
            File.Delete(samplesFile);
        }
        else
        {
            await SampleLayoutWriter.WriteSamplesAsync(samplesFile, samples.Values);
        }
    }
}
