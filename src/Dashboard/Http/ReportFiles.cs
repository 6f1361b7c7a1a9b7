using System.Text.RegularExpressions;

namespace RobustGrid.Dashboard.Http;

/// <summary>
/// The files of a sweep's report the page serves: a plain file name (no separator, no "..", nothing hidden) of a kind a
/// report holds, directly in the report folder.
/// </summary>
public static partial class ReportFiles
{
    private static readonly Dictionary<string, string> _types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".css"] = "text/css; charset=utf-8",
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex PlainName();

    /// <summary>True, with the path and content type, when <paramref name="name"/> is a file the report folder <paramref name="reportDirectory"/> holds.</summary>
    public static bool TryResolve(string reportDirectory, string? name, out string path, out string contentType)
    {
        (path, contentType) = ("", "");
        if (name is null || !PlainName().IsMatch(name) || !_types.TryGetValue(Path.GetExtension(name), out string? type))
        {
            return false;
        }
        string root = Path.GetFullPath(reportDirectory);
        string candidate = Path.GetFullPath(Path.Combine(root, name));
        if (Path.GetDirectoryName(candidate) != Path.TrimEndingDirectorySeparator(root) || !File.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null)
        {
            return false;
        }
        (path, contentType) = (candidate, type);
        return true;
    }
}
