namespace RobustGrid.Reports.Rendering;

/// <summary>A figure the report wrote: its PNG (relative to the report directory), pixel size, title and caption.</summary>
public sealed record FigureFile(string FileName, int Width, int Height, string Title, string Caption);
