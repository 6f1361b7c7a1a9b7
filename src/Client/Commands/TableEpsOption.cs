using System.CommandLine;
using System.Globalization;

namespace RobustGrid.Client.Commands;

/// <summary><c>--table-eps 0.1,0.2,0.3</c>: the attack radii a summary table shows accuracy at (results, report).</summary>
public static class TableEpsOption
{
    public static Option<string?> Create() => new("--table-eps")
    {
        Description = "Attack radii the summary table shows accuracy at, comma-separated (each moved to the nearest grid point). "
            + "Default: the grid points nearest 20%, 40% and 60% of each model's attack grid.",
    };

    /// <summary>The radii of "a,b,c": finite, non-negative, at least one; null when the option was not given.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<double>? radii, out string error)
    {
        (radii, error) = (null, "");
        if (text is null)
        {
            return true;
        }
        var parsed = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double eps) || !double.IsFinite(eps) || eps < 0)
            {
                error = $"--table-eps needs comma-separated radii >= 0 (got '{text}').";
                return false;
            }
            parsed.Add(eps);
        }
        radii = parsed;
        return true;
    }
}
