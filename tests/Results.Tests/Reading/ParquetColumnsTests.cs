using Parquet;
using RobustGrid.Results.Layout;
using RobustGrid.Results.Reading;
using RobustGrid.Results.Tests.Layout;

namespace RobustGrid.Results.Tests.Reading;

/// <summary>A table read through <see cref="ParquetColumns"/> is the same in both layouts: its parts' row groups in order are the single file's rows.</summary>
[Trait("Category", "Unit")]
public sealed class ParquetColumnsTests : IAsyncLifetime
{
    private PartsSweep _sweep = null!;

    public async Task InitializeAsync() => _sweep = await PartsSweep.CreateAsync();

    public Task DisposeAsync()
    {
        _sweep.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(SweepTables.Runs, "run_key")]
    [InlineData(SweepTables.Curves, "run_key")]
    [InlineData(SweepTables.Epochs, "run_key")]
    [InlineData(SweepTables.Misclassified, "run_key")]
    public async Task The_parts_read_as_the_single_file_row_for_row(string table, string column)
    {
        (int singleGroups, List<string> single) = await ReadAllAsync(_sweep.Single, table, column);
        (int partGroups, List<string> parts) = await ReadAllAsync(_sweep.Parts, table, column);

        Assert.NotEmpty(single);
        Assert.Equal(single, parts);
        Assert.True(partGroups >= PartsSweep.PartCount, $"{partGroups} row groups over {PartsSweep.PartCount} parts");
        if (table == SweepTables.Runs)
        {
            // 1,210 runs: three groups of at most 512 in one file, two in each part of 605.
            Assert.Equal((3, 4), (singleGroups, partGroups));
        }
    }

    [Fact]
    public async Task The_numbers_of_the_curves_are_the_same_in_both_layouts()
    {
        Assert.Equal(await AccuraciesAsync(_sweep.Single), await AccuraciesAsync(_sweep.Parts));

        static async Task<List<double>> AccuraciesAsync(string directory)
        {
            var values = new List<double>();
            await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Curves, CancellationToken.None);
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = await file.OpenGroupAsync(g, CancellationToken.None);
                values.AddRange(await file.ValuesAsync<double>(group, "robust_accuracy", CancellationToken.None));
            }
            return values;
        }
    }

    [Fact]
    public async Task Groups_can_be_skipped_and_revisited_across_parts()
    {
        await using ParquetColumns file = await ParquetColumns.OpenAsync(_sweep.Parts, SweepTables.Runs, CancellationToken.None);
        Assert.Equal(PartsSweep.PartCount, file.Files.Count);
        Assert.Equal(Path.Combine(SweepTables.Runs, "*.parquet"), file.Name);
        string[] last = await KeysAsync(file, file.RowGroupCount - 1);
        string[] first = await KeysAsync(file, 0);
        Assert.Equal(_sweep.Runs.Select(r => r.RunKey).Order(StringComparer.Ordinal).First(), first[0]);
        Assert.Equal(_sweep.Runs.Select(r => r.RunKey).Order(StringComparer.Ordinal).Last(), last[^1]);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await file.OpenGroupAsync(file.RowGroupCount, CancellationToken.None));

        static async Task<string[]> KeysAsync(ParquetColumns file, int g)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, CancellationToken.None);
            return await file.StringsAsync(group, "run_key", CancellationToken.None);
        }
    }

    [Fact]
    public async Task Only_the_file_of_the_current_group_is_open()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // counts open files through /proc/self/fd
        }
        using var many = await PartsSweep.CreateAsync(parts: 5);
        string partsDirectory = SweepTables.PartsDirectory(many.Parts, SweepTables.Runs);
        var open = new List<int>();
        await using (ParquetColumns file = await ParquetColumns.OpenAsync(many.Parts, SweepTables.Runs, CancellationToken.None))
        {
            Assert.Equal(5, file.Files.Count);
            open.Add(OpenFilesUnder(partsDirectory));
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = await file.OpenGroupAsync(g, CancellationToken.None);
                await file.StringsAsync(group, "run_key", CancellationToken.None);
                open.Add(OpenFilesUnder(partsDirectory));
            }
        }
        open.Add(OpenFilesUnder(partsDirectory));
        Assert.All(open[..^1], n => Assert.Equal(1, n));
        Assert.Equal(0, open[^1]);
    }

    [Fact]
    public async Task A_table_without_files_is_a_clear_error_naming_the_directory_and_the_table()
    {
        using var empty = new TempDirectory("no-table");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetColumns.OpenAsync(empty.Path, SweepTables.Curves, CancellationToken.None));
        Assert.Contains(empty.Path, error.Message);
        Assert.Contains("curves.parquet", error.Message);
        Assert.Contains(Path.Combine("curves", "part-"), error.Message);

        // An empty parts folder is no table either.
        Directory.CreateDirectory(SweepTables.PartsDirectory(empty.Path, SweepTables.Runs));
        error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetColumns.OpenAsync(empty.Path, SweepTables.Runs, CancellationToken.None));
        Assert.Contains("no runs table", error.Message);
    }

    [Fact]
    public async Task A_part_of_other_columns_is_refused_by_name()
    {
        using var mixed = new TempDirectory("mixed-parts");
        foreach (string table in new[] { SweepTables.Runs, SweepTables.Curves })
        {
            Directory.CreateDirectory(SweepTables.PartsDirectory(mixed.Path, table));
        }
        File.Copy(SweepTables.PartPath(_sweep.Parts, SweepTables.Curves, 0), SweepTables.PartPath(mixed.Path, SweepTables.Curves, 0));
        File.Copy(SweepTables.PartPath(_sweep.Parts, SweepTables.Epochs, 1), SweepTables.PartPath(mixed.Path, SweepTables.Curves, 1));
        File.Copy(SweepTables.PartPath(_sweep.Parts, SweepTables.Runs, 0), SweepTables.PartPath(mixed.Path, SweepTables.Runs, 0));
        File.Copy(SweepTables.PartPath(_sweep.Parts, SweepTables.Runs, 1), SweepTables.PartPath(mixed.Path, SweepTables.Runs, 1));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetColumns.OpenAsync(mixed.Path, SweepTables.Curves, CancellationToken.None));
        Assert.Contains(SweepTables.PartFileName(1), error.Message);
    }

    private static async Task<(int Groups, List<string> Values)> ReadAllAsync(string directory, string table, string column)
    {
        var values = new List<string>();
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, table, CancellationToken.None);
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, CancellationToken.None);
            values.AddRange(await file.StringsAsync(group, column, CancellationToken.None));
        }
        return (file.RowGroupCount, values);
    }

    // The descriptors of this process that point into the directory (Linux: /proc/self/fd links to the open files).
    private static int OpenFilesUnder(string directory) =>
        Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget is { } target && target.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
