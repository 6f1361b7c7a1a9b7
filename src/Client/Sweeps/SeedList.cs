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
                && from <= to && to - from < MaxSeeds)
            {
                for (long s = from; s <= to; s++)
                {
                    seeds.Add(s);
                }
            }
            else
            {
                throw new SweepSpecException($"bad seeds '{part}': write a list like 1,2,3 or a range like 1..100.");
            }
            if (seeds.Count > MaxSeeds)
            {
                throw new SweepSpecException($"more than {MaxSeeds} seeds.");
            }
        }
        return [.. seeds];
    }
}
