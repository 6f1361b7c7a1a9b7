using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>
/// What determines a sweep's results, normalized: the dataset's content hash (not its path), pairs, modes, norms, eps,
/// seeds, hyper-parameters, attack grid, clip and closest count. Lists are sorted and deduplicated (the files are in
/// run-key order whatever the spec's order) and a sweep without robust runs has no eps. Execution settings
/// (concurrency, retries, where the dataset lies, the gateway) are left out: they never change a sweep's default id
/// nor make a finished sweep look different. Written into the results directory as <c>sweep.json</c>. AllPairs and Transfer
/// are written only when true, so the identities (and default ids) of sweeps without them are those they always had.
/// </summary>
public sealed record SweepIdentity(
    string DatasetHash,
    int[][] Pairs,
    string[] Modes,
    string[] Norms,
    double[] Eps,
    long[] Seeds,
    int? Epochs,
    int? BatchSize,
    float? LearningRate,
    bool Shuffle,
    double AttackEpsMax,
    int AttackPoints,
    bool Clip,
    int ClosestCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllPairs = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Transfer = false)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>The identity of <paramref name="spec"/> over a dataset whose content hash is <paramref name="datasetHash"/>.</summary>
    public static SweepIdentity Of(SweepSpec spec, string datasetHash)
    {
        string[] modes = Names(spec.Modes);
        return new SweepIdentity(
            datasetHash,
            spec.AllPairs ? [] : [.. (spec.Pairs ?? []).Where(p => p is { Length: 2 }).DistinctBy(p => (p[0], p[1])).OrderBy(p => p[0]).ThenBy(p => p[1])],
            modes,
            Names(spec.Norms),
            modes.Contains("robust") ? [.. (spec.Eps ?? []).Distinct().Order()] : [],
            [.. (spec.Seeds ?? []).Distinct().Order()],
            spec.Epochs, spec.BatchSize, spec.LearningRate, spec.Shuffle, spec.AttackEpsMax, spec.AttackPoints, spec.Clip, spec.ClosestCount, spec.AllPairs, spec.Transfer);
    }

    /// <summary>"sweep-" and 12 hex digits of the identity's hash: the same results, the same sweep.</summary>
    public string DefaultSweepId() => "sweep-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())))[..12];

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    /// <summary>The identity in <paramref name="json"/> (a <c>sweep.json</c>), or null when it is not one.</summary>
    public static SweepIdentity? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SweepIdentity>(json, _json) is { DatasetHash: not null, Pairs: not null, Modes: not null, Norms: not null, Eps: not null, Seeds: not null } identity ? identity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Null when both give the same results; otherwise one line of what differs, this identity's value first:
    /// "seeds 1..2 vs 5..6; modes regular,robust vs regular".
    /// </summary>
    public string? Difference(SweepIdentity other)
    {
        var parts = new List<string>();
        void Compare(string name, string mine, string theirs)
        {
            if (mine != theirs)
            {
                parts.Add($"{name} {mine} vs {theirs}");
            }
        }
        Compare("dataset", Short(DatasetHash), Short(other.DatasetHash));
        Compare("pairs", PairsText(Pairs), PairsText(other.Pairs));
        Compare("modes", string.Join(',', Modes), string.Join(',', other.Modes));
        Compare("norms", string.Join(',', Norms), string.Join(',', other.Norms));
        Compare("eps", Numbers(Eps), Numbers(other.Eps));
        Compare("seeds", SeedText(Seeds), SeedText(other.Seeds));
        Compare("epochs", Text(Epochs), Text(other.Epochs));
        Compare("batch size", Text(BatchSize), Text(other.BatchSize));
        Compare("lr", Text(LearningRate), Text(other.LearningRate));
        Compare("shuffle", Text(Shuffle), Text(other.Shuffle));
        Compare("attack-eps-max", Text(AttackEpsMax), Text(other.AttackEpsMax));
        Compare("attack-points", Text(AttackPoints), Text(other.AttackPoints));
        Compare("clip", Text(Clip), Text(other.Clip));
        Compare("closest", Text(ClosestCount), Text(other.ClosestCount));
        Compare("all pairs", Text(AllPairs), Text(other.AllPairs));
        Compare("transfer", Text(Transfer), Text(other.Transfer));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string[] Names<T>(T[]? values)
        where T : struct, Enum => [.. (values ?? []).Select(EnumNames.Name).Distinct().Order(StringComparer.Ordinal)];

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string Text<T>(T? value) => value switch
    {
        null => "preset",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.ToLowerInvariant(),
    };

    private static string Numbers(double[] values) => values.Length == 0 ? "none" : string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string PairsText(int[][] pairs) => string.Join(';', pairs.Select(p => $"{p[0]},{p[1]}"));

    /// <summary>Sorted seeds with runs of consecutive ones written as ranges: 1..10,42.</summary>
    private static string SeedText(long[] seeds)
    {
        var parts = new List<string>();
        for (int i = 0; i < seeds.Length;)
        {
            int j = i;
            while (j + 1 < seeds.Length && seeds[j + 1] == seeds[j] + 1)
            {
                j++;
            }
            parts.Add(j == i ? seeds[i].ToString(CultureInfo.InvariantCulture) : $"{seeds[i]}..{seeds[j]}");
            i = j + 1;
        }
        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }
}
