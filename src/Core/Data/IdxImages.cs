namespace RobustGrid.Core.Data;

/// <summary>The content of an IDX image file: <paramref name="Count"/> images of Rows x Columns bytes, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Bytes per image.</summary>
    public int Features => Rows * Columns;
}
