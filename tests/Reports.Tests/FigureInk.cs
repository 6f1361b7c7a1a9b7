using RobustGrid.Reports.Rendering;
using ScottPlot;
using SkiaSharp;

namespace RobustGrid.Reports.Tests;

/// <summary>
/// How much of a figure is data rather than axes: pixels of colour (a model's line, a colour map) or inside a
/// filled area (an image panel, a band, a bar), where text, ticks, frames and grid lines are grey and thin.
/// </summary>
internal static class FigureInk
{
    /// <summary>Distance between a pixel's largest and smallest channel from which it counts as coloured.</summary>
    private const int Chroma = 48;

    /// <summary>Side of the square of non-white pixels a filled area holds and a text stroke or an axis line does not.</summary>
    private const int Solid = 5;

    /// <summary>Pixels that are coloured, or non-white with every pixel of the <see cref="Solid"/>-square around them non-white.</summary>
    public static int DataPixels(SKBitmap bitmap)
    {
        int width = bitmap.Width, height = bitmap.Height;
        var inked = new int[(width + 1) * (height + 1)];   // summed-area table of non-white pixels
        var colored = new bool[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                int max = Math.Max(c.Red, Math.Max(c.Green, c.Blue)), min = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                colored[y * width + x] = max - min >= Chroma;
                int ink = 0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue < 235 ? 1 : 0;
                inked[(y + 1) * (width + 1) + x + 1] = ink + inked[y * (width + 1) + x + 1] + inked[(y + 1) * (width + 1) + x] - inked[y * (width + 1) + x];
            }
        }
        int count = 0, r = Solid / 2;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool solid = x >= r && y >= r && x + r < width && y + r < height
                    && inked[(y + r + 1) * (width + 1) + x + r + 1] - inked[(y - r) * (width + 1) + x + r + 1] - inked[(y + r + 1) * (width + 1) + x - r] + inked[(y - r) * (width + 1) + x - r] == Solid * Solid;
                count += solid || colored[y * width + x] ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>A figure of that size with axes, title, labels and a legend of <paramref name="models"/> model colours, and no data.</summary>
    public static SKBitmap EmptyAxes(int width, int height, int models, string directory)
    {
        var plot = new Plot();
        for (int m = 0; m < models; m++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"model {m} (3 seeds)", LineColor = ModelColors.Of(m), LineWidth = 2.5f });
        }
        plot.Axes.SetLimits(0, 0.5, -0.02, 1.02);
        plot.Title("A figure with no data");
        plot.XLabel("attack eps");
        plot.YLabel("test accuracy under attack");
        plot.ShowLegend(Alignment.UpperRight);
        string path = Path.Combine(directory, $"empty-axes-{width}x{height}.png");
        PanelGrid.Save(path, plot, width, height);
        return SKBitmap.Decode(path);
    }
}
