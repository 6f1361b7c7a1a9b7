using System.Globalization;

namespace RobustGrid.Reports.Model;

/// <summary>
/// What a report groups by, so that a sweep over many datasets, pairs, norms or attack variants stays readable:
/// each section compares the models trained and attacked on the same task the same way.
/// </summary>
public sealed record SectionKey(string Dataset, int NegativeClass, int PositiveClass, string Norm, bool Clip)
{
    public string Title => string.Create(CultureInfo.InvariantCulture,
        $"{Dataset}, {NegativeClass} vs {PositiveClass}, {NormName(Norm)} threat model{(Clip ? ", attack clipped to [0, 1]" : "")}");

    /// <summary>A file-name prefix: letters, digits and dashes only.</summary>
    public string Slug => new string(string.Create(CultureInfo.InvariantCulture, $"{Dataset}-{NegativeClass}v{PositiveClass}-{Norm}{(Clip ? "-clip" : "")}")
        .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    public static string NormName(string norm) => norm switch
    {
        "linf" => "L-infinity",
        "l2" => "L2",
        "l1" => "L1",
        _ => norm,
    };
}
