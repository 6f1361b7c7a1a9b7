using System.Globalization;

namespace RobustGrid.Client.Sweeps;

/// <summary>Seeds written as a list "1,2,5" or an inclusive range "1..100" (or a mix: "1..10,42").</summary>
public static class SeedList
{
    public const int MaxSeeds = 1_000_000;

    public static long[] Parse(string text)
    {
        var seeds = new List<long>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] range = part.Split("..", StringSplitOptions.TrimEntries);
            if (range.Length == 1 && long.TryParse(range[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long seed))
            {
                seeds.Add(seed);
            }
            else if (range.Length == 2
                && long.TryParse(range[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long from)
                && long.TryParse(range[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long to)
                && from <= to)
            {
                // Counted before any seed is added: 1..9223372036854775807 is refused, not enumerated.
                if (seeds.Count + ((Int128)to - from + 1) > MaxSeeds)
                {
                    throw TooMany(text, seeds.Count + ((Int128)to - from + 1));
                }
                // By offset: s <= to would never end when to is long.MaxValue.
                for (long offset = 0; offset <= to - from; offset++)
                {
                    seeds.Add(from + offset);
                }
            }
            else
            {
                throw new SweepSpecException($"bad seeds '{part}': write a list like 1,2,3 or a range like 1..100.");
            }
            if (seeds.Count > MaxSeeds)
            {
                throw TooMany(text, seeds.Count);
            }
        }
        return [.. seeds];
    }

    private static SweepSpecException TooMany(string text, Int128 count) =>
        new(string.Create(CultureInfo.InvariantCulture, $"seeds '{text}' are {(decimal)count:N0} seeds; a sweep takes at most {MaxSeeds:N0}."));
}
