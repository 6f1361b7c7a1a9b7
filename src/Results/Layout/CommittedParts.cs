using Parquet;
using RobustGrid.Results.Writing;

namespace RobustGrid.Results.Layout;

/// <summary>What a coordinator that resumes finds of the parts its state says were committed.</summary>
public static class CommittedParts
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>
    /// How many of the first <paramref name="parts"/> parts are in place, every table's file of each, and look whole
    /// (Parquet's magic at both ends): the commits after a missing or damaged part are made again.
    /// </summary>
    public static int CountIntact(string sweepDirectory, int parts)
    {
        for (int part = 0; part < parts; part++)
        {
            if (!SweepTables.All.All(table => LooksWhole(SweepTables.PartPath(sweepDirectory, table, part))))
            {
                return part;
            }
        }
        return parts;
    }

    private static bool LooksWhole(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            if (file.Length < 12)
            {
                return false;
            }
            Span<byte> magic = stackalloc byte[4];
            file.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                return false;
            }
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(magic);
            return magic.SequenceEqual(Magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The samples the first <paramref name="parts"/> committed parts hold, so the next part's samples file takes only new ones.</summary>
    public static async Task<SampleSet> SamplesAsync(string sweepDirectory, int parts, CancellationToken cancellationToken)
    {
        var held = new SampleSet();
        for (int part = 0; part < parts; part++)
        {
            await using ParquetReader reader = await ParquetReader.CreateAsync(SweepTables.PartPath(sweepDirectory, SweepTables.Samples, part), null, cancellationToken);
            var fields = reader.Schema.GetDataFields();
            var hashField = fields.Single(f => f.Name == "dataset_hash");
            var indexField = fields.Single(f => f.Name == "sample_index");
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
                var hashes = new string?[group.RowCount];
                var indices = new int[group.RowCount];
                await group.ReadAsync(hashField, hashes.AsMemory(), null, cancellationToken);
                await group.ReadAsync(indexField, indices.AsMemory(), null, cancellationToken);
                for (int i = 0; i < indices.Length; i++)
                {
                    held.Add(hashes[i] ?? "", indices[i]);
                }
            }
        }
        return held;
    }
}
