using System.Text.Json;
using System.Text.Json.Nodes;
using RobustGrid.Core.Runs;
using RobustGrid.Grains.Contracts.Messages;

namespace RobustGrid.Client.Sweeps;

/// <summary>
/// Reads a sweep spec from JSON (camelCase fields of <see cref="SweepSpec"/>; "seeds" may also be a string such as
/// "1..100"; "pairs" may be "all", every pair of the dataset's classes; "dataDir" names a dataset directory). Unknown fields are errors, so typos do not silently run defaults.
/// </summary>
public static class SweepSpecFile
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        Converters = { new EnumNames.JsonConverter() },
    };

    public static SweepSpec Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepSpecException($"{path}: cannot be read ({e.Message}).");
        }
        return Parse(text, path);
    }

    public static SweepSpec Parse(string json, string name)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject root)
            {
                throw new SweepSpecException($"{name}: a sweep spec is a JSON object.");
            }
            if (root["seeds"] is JsonValue seeds && seeds.TryGetValue(out string? seedText))
            {
                root["seeds"] = new JsonArray(SeedList.Parse(seedText).Select(s => (JsonNode)s).ToArray());
            }
            if (root["pairs"] is JsonValue pairs && pairs.TryGetValue(out string? pairsText))
            {
                if (pairsText.Trim() != "all")
                {
                    throw new SweepSpecException($"pairs must be \"all\" or a list like [[0, 1], [3, 5]] (got \"{pairsText}\").");
                }
                if (root["allPairs"] is not null)
                {
                    throw new SweepSpecException("give pairs \"all\" or allPairs, not both.");
                }
                root.Remove("pairs");
                root["allPairs"] = true;
            }
            if (root["dataDir"] is JsonValue dir && dir.TryGetValue(out string? directory))
            {
                if (string.IsNullOrWhiteSpace(directory) || directory.Contains('\0'))
                {
                    throw new SweepSpecException("dataDir must name a directory.");
                }
                root.Remove("dataDir");
                root["dataset"] = new JsonObject { ["directory"] = Path.GetFullPath(directory) };
            }
            return root.Deserialize<SweepSpec>(_options) ?? throw new SweepSpecException($"{name}: empty spec.");
        }
        catch (JsonException e)
        {
            throw new SweepSpecException($"{name}: {e.Message}");
        }
        catch (SweepSpecException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new SweepSpecException($"{name}: {e.Message}");
        }
    }

    public static string Serialize(SweepSpec spec) => JsonSerializer.Serialize(spec, _options);
}
