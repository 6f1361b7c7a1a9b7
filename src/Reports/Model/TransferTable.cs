using Parquet;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;
using RobustGrid.Results;
using RobustGrid.Results.Reading;

namespace RobustGrid.Reports.Model;

/// <summary>
/// transfer.parquet, aggregated for the report's transfer matrices: per section, at the radius the matrix shows, the
/// mean over seeds of each (source model, target model) accuracy of the same seed (white-box on the diagonal), and of
/// each model attacked through another seed of itself. Reads only the columns it needs, a row group at a time.
/// </summary>
internal sealed class TransferTable
{
    private readonly Dictionary<(int, int, ThreatNorm, bool), Cells> _sections = [];

    /// <summary>Accumulated cells of one section at its radius.</summary>
    internal sealed class Cells(double eps)
    {
        public double Eps { get; } = eps;

        /// <summary>(source model, target model) of the same seed: sum of accuracies and number of seeds.</summary>
        public Dictionary<(ModelKey Source, ModelKey Target), (double Sum, int Count)> SameSeed { get; } = [];

        /// <summary>Model attacked through its own model at another seed.</summary>
        public Dictionary<ModelKey, (double Sum, int Count)> CrossSeed { get; } = [];
    }

    /// <summary>The cells of a section, or null when the file has none for it.</summary>
    public Cells? Of(SectionKey section) =>
        _sections.TryGetValue((section.NegativeClass, section.PositiveClass, section.Norm, section.Clip), out Cells? cells) && cells.SameSeed.Count > 0 ? cells : null;

    /// <summary>Null when the sweep has no transfer.parquet (it was run without --transfer).</summary>
    /// <param name="radii">The radius each section's matrix shows.</param>
    public static async Task<TransferTable?> ReadAsync(string directory, IReadOnlyDictionary<SectionKey, double> radii, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(directory, TransferWriter.FileName)))
        {
            return null;
        }
        var table = new TransferTable();
        foreach (var (key, eps) in radii)
        {
            table._sections[(key.NegativeClass, key.PositiveClass, key.Norm, key.Clip)] = new Cells(eps);
        }
        await using ParquetColumns file = await ParquetColumns.OpenFilesAsync(TransferWriter.FileName, [Path.Combine(directory, TransferWriter.FileName)], cancellationToken);
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            if (group.RowCount == 0)
            {
                continue;
            }
            double[] attackEps = await file.ValuesAsync<double>(group, "attack_eps", cancellationToken);
            int[] negatives = await file.ValuesAsync<int>(group, "negative_class", cancellationToken);
            int[] positives = await file.ValuesAsync<int>(group, "positive_class", cancellationToken);
            string[] norms = await file.StringsAsync(group, "norm", cancellationToken);
            bool[] clips = await file.ValuesAsync<bool>(group, "clip", cancellationToken);
            string[] relations = await file.StringsAsync(group, "relation", cancellationToken);
            string[] sourceModes = await file.StringsAsync(group, "source_mode", cancellationToken);
            double?[] sourceEps = await file.NullablesAsync<double>(group, "source_train_eps", cancellationToken);
            string[] targetModes = await file.StringsAsync(group, "target_mode", cancellationToken);
            double?[] targetEps = await file.NullablesAsync<double>(group, "target_train_eps", cancellationToken);
            double[] accuracy = await file.ValuesAsync<double>(group, "accuracy", cancellationToken);
            for (int i = 0; i < attackEps.Length; i++)
            {
                if (!table._sections.TryGetValue((negatives[i], positives[i], EnumNames.Parse<ThreatNorm>(norms[i]), clips[i]), out Cells? cells) || Math.Abs(attackEps[i] - cells.Eps) >= 1e-9)
                {
                    continue;
                }
                ModelKey source = ModelKey.Of(sourceModes[i], sourceEps[i]);
                if (relations[i] == TransferWriter.CrossSeed)
                {
                    cells.CrossSeed[source] = Add(cells.CrossSeed.GetValueOrDefault(source), accuracy[i]);
                }
                else
                {
                    var pair = (source, ModelKey.Of(targetModes[i], targetEps[i]));
                    cells.SameSeed[pair] = Add(cells.SameSeed.GetValueOrDefault(pair), accuracy[i]);
                }
            }
        }
        return table;
    }

    private static (double, int) Add((double Sum, int Count) cell, double value) => (cell.Sum + value, cell.Count + 1);
}
