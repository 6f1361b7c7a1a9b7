using System.Globalization;

namespace RobustGrid.Client.Commands;

/// <summary>Parses a class pair written "a,b".</summary>
public static class ClassPair
{
    public static bool TryParse(string text, out int negative, out int positive)
    {
        negative = positive = 0;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out negative)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out positive);
    }
}
