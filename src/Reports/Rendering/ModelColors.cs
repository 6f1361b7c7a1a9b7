using ScottPlot;

namespace RobustGrid.Reports.Rendering;

/// <summary>One colour per model of a section, the same in every figure of it.</summary>
internal static class ModelColors
{
    private static readonly IPalette _palette = new ScottPlot.Palettes.Category10();

    public static Color Of(int modelIndex) => _palette.GetColor(modelIndex);
}
