using System.Globalization;
using RobustGrid.Core.Evaluation;
using RobustGrid.Core.Runs;

namespace RobustGrid.Reports.Model;

/// <summary>
/// What a report groups by, so that a sweep over many datasets, pairs, norms or attack variants stays readable:
/// each section compares the models trained and attacked on the same task the same way.
/// </summary>
public sealed record SectionKey(string Dataset, int NegativeClass, int PositiveClass, ThreatNorm Norm, bool Clip)
{
    public string Title => string.Create(CultureInfo.InvariantCulture,
        $"{Dataset}, {NegativeClass} vs {PositiveClass}, {NormName(Norm)} threat model{(Clip ? ", attack clipped to [0, 1]" : "")}");

    /// <summary>A file-name prefix: letters, digits and dashes only.</summary>
    public string Slug => new string(string.Create(CultureInfo.InvariantCulture, $"{Dataset}-{NegativeClass}v{PositiveClass}-{EnumNames.Name(Norm)}{(Clip ? "-clip" : "")}")
        .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>How figures and captions name a threat model: "L-infinity", "L2", "L1".</summary>
    public static string NormName(ThreatNorm norm) => norm switch
    {
        ThreatNorm.L2 => "L2",
        ThreatNorm.L1 => "L1",
        _ => "L-infinity",
    };
}
