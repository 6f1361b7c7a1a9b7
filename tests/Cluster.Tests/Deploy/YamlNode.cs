using YamlDotNet.RepresentationModel;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// A parsed YAML value, read the forgiving way deployment checks need: a missing key, an index past the end or a
/// value of another shape gives an empty node rather than an exception. Scalars stay text (a port is "30000");
/// merge keys (<c>&lt;&lt;: *anchor</c>) are applied, as Compose and PyYAML do.
/// </summary>
internal readonly record struct YamlNode(object? Value)
{
    public static YamlNode Empty => new(null);

    public YamlNode this[string key] => Value is Dictionary<string, object?> map && map.TryGetValue(key, out object? v) ? new(v) : Empty;

    public bool IsEmpty => Value is null;

    /// <summary>The scalar's text; null for a mapping, a sequence or nothing.</summary>
    public string? Text => Value as string;

    /// <summary>The scalar's text, or <paramref name="fallback"/> when there is none.</summary>
    public string Or(string fallback) => Text ?? fallback;

    /// <summary>A sequence's items (nothing for any other value).</summary>
    public IEnumerable<YamlNode> Items => Value is List<object?> list ? list.Select(v => new YamlNode(v)) : [];

    /// <summary>A sequence's scalars, or a scalar split on white space (a Compose command written as one string).</summary>
    public IReadOnlyList<string> Words => Value is string s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [.. Items.Select(i => i.Text ?? "")];

    /// <summary>A mapping's entries (nothing for any other value).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries =>
        Value is Dictionary<string, object?> map ? map.Select(kv => (kv.Key, new YamlNode(kv.Value))) : [];

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public bool Has(string key) => Value is Dictionary<string, object?> map && map.ContainsKey(key);

    /// <summary>Every non-empty document of the file at <paramref name="path"/>.</summary>
    public static List<YamlNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        return [.. stream.Documents.Select(d => new YamlNode(Convert(d.RootNode))).Where(d => !d.IsEmpty)];
    }

    private static object? Convert(YamlDotNet.RepresentationModel.YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children.Where(c => Key(c.Key) != "<<"))
                {
                    map[Key(key)] = Convert(value);
                }
                foreach (var merge in mapping.Children.Where(c => Key(c.Key) == "<<").Select(c => c.Value))
                {
                    IEnumerable<YamlDotNet.RepresentationModel.YamlNode> sources = merge is YamlSequenceNode many ? many.Children : [merge];
                    foreach (var source in sources.Select(Convert).OfType<Dictionary<string, object?>>())
                    {
                        foreach (var (key, value) in source)
                        {
                            map.TryAdd(key, value);
                        }
                    }
                }
                return map;
            case YamlSequenceNode sequence:
                return sequence.Children.Select(Convert).ToList();
            case YamlScalarNode scalar:
                return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" ? null : scalar.Value;
            default:
                return null;
        }
    }

    private static string Key(YamlDotNet.RepresentationModel.YamlNode key) => (key as YamlScalarNode)?.Value ?? "";
}
