namespace RobustGrid.Results.Reading;

/// <summary>
/// Reads chosen rows of misclassified.parquet column by column: the file has a row per run, radius and rank (about a
/// thousand per run), so a reader that wants a few rows decides from the run_key and rank columns which row groups to
/// decode further.
/// </summary>
internal static class MisclassifiedColumnsReader
{
    public static async Task<IReadOnlyList<MisclassifiedRow>> ReadAsync(string path, Func<string, int, bool> keep, CancellationToken cancellationToken)
    {
        var rows = new List<MisclassifiedRow>();
        await RowGroupColumns.ForEachGroupAsync(path, async group =>
        {
            string[] runKeys = await group.StringsAsync("run_key");
            int[] ranks = await group.ValuesAsync<int>("rank");
            int[] kept = [.. Enumerable.Range(0, group.Count).Where(i => keep(runKeys[i], ranks[i]))];
            if (kept.Length == 0)
            {
                return;
            }
            string[] sweepIds = await group.StringsAsync("sweep_id");
            string[] modes = await group.StringsAsync("mode");
            string[] norms = await group.StringsAsync("norm");
            double?[] trainEps = await group.NullablesAsync<double>("train_eps");
            long[] seeds = await group.ValuesAsync<long>("seed");
            string[] hashes = await group.StringsAsync("dataset_hash");
            int[] epsIndexes = await group.ValuesAsync<int>("eps_index");
            double[] attackEps = await group.ValuesAsync<double>("attack_eps");
            int[] sampleIndexes = await group.ValuesAsync<int>("sample_index");
            int[] labels = await group.ValuesAsync<int>("label");
            float[] logits = await group.ValuesAsync<float>("logit");
            foreach (int i in kept)
            {
                rows.Add(new MisclassifiedRow
                {
                    SweepId = sweepIds[i], RunKey = runKeys[i], Mode = modes[i], Norm = norms[i], TrainEps = trainEps[i], Seed = seeds[i],
                    DatasetHash = hashes[i], EpsIndex = epsIndexes[i], AttackEps = attackEps[i], Rank = ranks[i], SampleIndex = sampleIndexes[i],
                    Label = labels[i], Logit = logits[i],
                });
            }
        }, cancellationToken);
        return rows;
    }
}
