using System.Globalization;

namespace RobustGrid.Reports.Model;

/// <summary>One trained configuration (its section, mode and training eps), whose runs differ only by seed.</summary>
public sealed record ModelKey(SectionKey Section, string Mode, double? TrainEps)
{
    public string Label => Mode == "regular"
        ? "regular"
        : string.Create(CultureInfo.InvariantCulture, $"robust eps {TrainEps:0.###}");

    /// <summary>Regular first, then robust by training eps.</summary>
    public static int Compare(ModelKey a, ModelKey b)
    {
        int byMode = (a.Mode == "regular" ? 0 : 1).CompareTo(b.Mode == "regular" ? 0 : 1);
        return byMode != 0 ? byMode : (a.TrainEps ?? 0).CompareTo(b.TrainEps ?? 0);
    }
}
