using System.Reflection;
using System.Text;

namespace RobustGrid.Dashboard.Http;

/// <summary>The page's files, embedded in this assembly (Assets/) and served from memory: nothing is read from disk or fetched from elsewhere.</summary>
public static class DashboardAssets
{
    private static readonly Lazy<byte[]> _script = new(() => Read("dashboard.js"));
    private static readonly Lazy<byte[]> _style = new(() => Read("dashboard.css"));
    private static readonly Lazy<string> _index = new(() => Encoding.UTF8.GetString(Read("index.html")));

    public static byte[] Script => _script.Value;

    public static byte[] Style => _style.Value;

    /// <summary>index.html with its base URL (the path the page is mapped at, ending in '/'), so its relative requests stay under it.</summary>
    public static byte[] Index(string basePath) => Encoding.UTF8.GetBytes(_index.Value.Replace("{{BASE}}", System.Net.WebUtility.HtmlEncode(basePath), StringComparison.Ordinal));

    private static byte[] Read(string name)
    {
        using Stream stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("RobustGrid.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
