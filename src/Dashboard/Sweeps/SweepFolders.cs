using RobustGrid.Grains.Contracts.Sweeps;
using RobustGrid.Results;
using RobustGrid.Results.Layout;

namespace RobustGrid.Dashboard.Sweeps;

/// <summary>
/// The sweep folders of a results root, and the one way a sweep id from a URL becomes a path: the id must have the
/// sweep-id format (<see cref="SweepIds.Validate"/>: no separators, no "..", no absolute path), name a folder directly
/// under the root (not a link), and that folder must hold a sweep. Anything else is not a sweep of this page.
/// </summary>
public static class SweepFolders
{
    /// <summary>The ids of the sweep folders under <paramref name="root"/>, in ordinal order (hidden and badly named folders left out).</summary>
    public static IReadOnlyList<string> List(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        return [.. Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(id => TryResolve(root, id, out _))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>True, with the folder, when <paramref name="id"/> is a valid sweep id naming a sweep folder directly under <paramref name="root"/>.</summary>
    public static bool TryResolve(string root, string? id, out string directory)
    {
        directory = "";
        if (SweepIds.Validate(id) is not null)
        {
            return false;
        }
        string candidate;
        try
        {
            candidate = SweepIds.ResultsDirectory(root, id!);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var info = new DirectoryInfo(candidate);
        if (!info.Exists || info.LinkTarget is not null || info.Name != id || !HoldsSweep(candidate))
        {
            return false;
        }
        directory = candidate;
        return true;
    }

    /// <summary>A sweep folder has a manifest, a sweep.json, a runs part folder or the earlier layout's runs.parquet.</summary>
    public static bool HoldsSweep(string directory) =>
        File.Exists(Path.Combine(directory, SweepManifest.FileName)) || File.Exists(Path.Combine(directory, SweepJsonFile.Name))
        || Directory.Exists(SweepTables.PartsDirectory(directory, SweepTables.Runs)) || SweepTables.IsSingleFileLayout(directory);
}
