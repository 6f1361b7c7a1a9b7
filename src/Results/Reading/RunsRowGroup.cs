using System.Runtime.CompilerServices;
using Parquet;
using RobustGrid.Core.Evaluation;
using RobustGrid.Results.Layout;

namespace RobustGrid.Results.Reading;

/// <summary>
/// One row group of the runs table (runs.parquet or its parts), projected to the columns that name a run and say how it ended: run key, class
/// pair, mode, norm, train eps, seed, clip, attack grid and status, the columns every reader of the runs needs (the
/// transfer writer, the report). A reader reads any other column of the same group with <see cref="StringsAsync"/>,
/// <see cref="ValuesAsync{T}"/> or <see cref="NullablesAsync{T}"/>. Strings that repeat down the file (mode, norm,
/// status, and any the reader passes to <see cref="Pooled"/>) are kept once, and so is each attack grid. The arrays
/// stay valid; other columns can be read only until the enumeration moves on to the next group.
/// </summary>
public sealed class RunsRowGroup
{
    private readonly ParquetColumns _file;
    private readonly ParquetRowGroupReader _group;
    private readonly Dictionary<string, string> _pool;
    private readonly CancellationToken _cancellationToken;

    private RunsRowGroup(ParquetColumns file, ParquetRowGroupReader group, Dictionary<string, string> pool, CancellationToken cancellationToken)
    {
        (_file, _group, _pool, _cancellationToken) = (file, group, pool, cancellationToken);
        Count = checked((int)group.RowCount);
    }

    /// <summary>The sweep's id (every row holds the same).</summary>
    public string SweepId { get; private set; } = "";

    /// <summary>Rows in this group: every array below has this length.</summary>
    public int Count { get; }

    public string[] Keys { get; private set; } = [];

    public int[] NegativeClasses { get; private set; } = [];

    public int[] PositiveClasses { get; private set; } = [];

    public string[] Modes { get; private set; } = [];

    public string[] Norms { get; private set; } = [];

    public double?[] TrainEps { get; private set; } = [];

    public long[] Seeds { get; private set; } = [];

    public bool[] Clips { get; private set; } = [];

    public AttackGrid[] Grids { get; private set; } = [];

    /// <summary>"completed" or "failed".</summary>
    public string[] Statuses { get; private set; } = [];

    /// <summary>The row groups of the runs table in <paramref name="directory"/> (either layout) that hold rows, in row order.</summary>
    public static async IAsyncEnumerable<RunsRowGroup> ReadAsync(string directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using ParquetColumns file = await ParquetColumns.OpenAsync(directory, SweepTables.Runs, cancellationToken);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var grids = new Dictionary<(double, double, int), AttackGrid>();
        string sweepId = "";
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = await file.OpenGroupAsync(g, cancellationToken);
            if (group.RowCount == 0)
            {
                continue;
            }
            var columns = new RunsRowGroup(file, group, pool, cancellationToken);
            if (sweepId.Length == 0)
            {
                sweepId = (await columns.StringsAsync("sweep_id"))[0];
            }
            columns.SweepId = sweepId;
            await columns.ReadAsync(grids);
            yield return columns;
        }
    }

    /// <summary>The one kept instance of <paramref name="value"/> for this file.</summary>
    public string Pooled(string value) => _pool.TryGetValue(value, out string? kept) ? kept : _pool[value] = value;

    public Task<string[]> StringsAsync(string column) => _file.StringsAsync(_group, column, _cancellationToken);

    public Task<T[]> ValuesAsync<T>(string column)
        where T : struct => _file.ValuesAsync<T>(_group, column, _cancellationToken);

    public Task<T?[]> NullablesAsync<T>(string column)
        where T : struct => _file.NullablesAsync<T>(_group, column, _cancellationToken);

    private async Task ReadAsync(Dictionary<(double, double, int), AttackGrid> grids)
    {
        Keys = await StringsAsync("run_key");
        NegativeClasses = await ValuesAsync<int>("negative_class");
        PositiveClasses = await ValuesAsync<int>("positive_class");
        Modes = Array.ConvertAll(await StringsAsync("mode"), Pooled);
        Norms = Array.ConvertAll(await StringsAsync("norm"), Pooled);
        TrainEps = await NullablesAsync<double>("train_eps");
        Seeds = await ValuesAsync<long>("seed");
        Clips = await ValuesAsync<bool>("clip");
        double[] starts = await ValuesAsync<double>("attack_eps_start");
        double[] stops = await ValuesAsync<double>("attack_eps_stop");
        int[] counts = await ValuesAsync<int>("attack_eps_count");
        Grids = new AttackGrid[Count];
        for (int i = 0; i < Count; i++)
        {
            var key = (starts[i], stops[i], counts[i]);
            if (!grids.TryGetValue(key, out AttackGrid? grid))
            {
                grids[key] = grid = new AttackGrid(starts[i], stops[i], counts[i]);
            }
            Grids[i] = grid;
        }
        Statuses = Array.ConvertAll(await StringsAsync("status"), Pooled);
    }
}
