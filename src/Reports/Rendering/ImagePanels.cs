using ScottPlot;

namespace RobustGrid.Reports.Rendering;

/// <summary>Panels that show a vector as a picture: an image row-major in rows x columns, drawn as a heatmap.</summary>
internal static class ImagePanels
{
    /// <summary>A heatmap of <paramref name="values"/> (row 0 at the top) on a fixed colour range, axes hidden.</summary>
    public static Plot Create(IReadOnlyList<double> values, int rows, int columns, IColormap colormap, ScottPlot.Range range, string title, bool colorBar = false)
    {
        var intensities = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                intensities[r, c] = values[r * columns + c];
            }
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = range;
        if (colorBar)
        {
            plot.Add.ColorBar(heatmap);
        }
        plot.HideAxesAndGrid();
        plot.Axes.SquareUnits();
        plot.Title(title, 12);
        return plot;
    }

    /// <summary>A panel that says why it is empty.</summary>
    public static Plot Empty(string title, string message)
    {
        var plot = new Plot();
        plot.HideAxesAndGrid();
        var text = plot.Add.Text(message, 0, 0);
        text.Alignment = Alignment.MiddleCenter;
        text.LabelFontSize = 12;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        plot.Title(title, 12);
        return plot;
    }

    /// <summary>Rows and columns of an image of <paramref name="length"/> pixels: square when it can be, else one row.</summary>
    public static (int Rows, int Columns) Shape(int length)
    {
        int side = (int)Math.Round(Math.Sqrt(length));
        return side * side == length ? (side, side) : (1, length);
    }
}
