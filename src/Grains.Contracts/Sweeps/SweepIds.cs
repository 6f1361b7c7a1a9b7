using System.Text.RegularExpressions;

namespace RobustGrid.Grains.Contracts.Sweeps;

/// <summary>Sweep ids name a results directory, so they are restricted to a safe alphabet and never a path.</summary>
public static partial class SweepIds
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Valid();

    /// <summary>Null when <paramref name="id"/> is valid, otherwise why not.</summary>
    public static string? Validate(string? id) =>
        id is not null && Valid().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal)
            ? null
            : $"invalid sweep id '{id}': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    /// <summary>The directory of sweep <paramref name="id"/> under <paramref name="root"/>; throws if it would leave the root.</summary>
    public static string ResultsDirectory(string root, string id)
    {
        if (Validate(id) is { } fault)
        {
            throw new ArgumentException(fault, nameof(id));
        }
        string fullRoot = Path.GetFullPath(root);
        string directory = Path.GetFullPath(Path.Combine(fullRoot, id));
        if (!directory.StartsWith(Path.TrimEndingDirectorySeparator(fullRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"sweep id '{id}' resolves outside the results root {fullRoot}.", nameof(id));
        }
        return directory;
    }
}
