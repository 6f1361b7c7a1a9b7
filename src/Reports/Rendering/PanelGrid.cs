using ScottPlot;
using SkiaSharp;

namespace RobustGrid.Reports.Rendering;

/// <summary>Draws several ScottPlot plots as the panels of one PNG, row by row, each the same size.</summary>
internal static class PanelGrid
{
    public static (int Width, int Height) Save(string path, IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight)
    {
        if (panels.Count == 0)
        {
            throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        }
        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * panelWidth, height = rows * panelHeight;
        using SKSurface surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"Cannot allocate a {width}x{height} image.");
        surface.Canvas.Clear(SKColors.White);
        // Each panel renders on a surface of its own (a plot clears the whole canvas it is given), then is copied into place.
        using SKSurface panelSurface = SKSurface.Create(new SKImageInfo(panelWidth, panelHeight)) ?? throw new InvalidOperationException("Cannot allocate a panel.");
        for (int i = 0; i < panels.Count; i++)
        {
            panels[i].Render(panelSurface);
            using SKImage panel = panelSurface.Snapshot();
            surface.Canvas.DrawImage(panel, i % columns * panelWidth, i / columns * panelHeight);
        }
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        using (FileStream file = File.Create(path))
        {
            png.SaveTo(file);
        }
        foreach (Plot panel in panels)
        {
            panel.Dispose();
        }
        return (width, height);
    }

    /// <summary>One plot as a PNG of the given size.</summary>
    public static (int Width, int Height) Save(string path, Plot plot, int width, int height)
    {
        plot.SavePng(path, width, height);
        plot.Dispose();
        return (width, height);
    }
}
