namespace RobustGrid.Results.Reading;

/// <summary>A row group's list&lt;float&gt; column: row r's list is Values[Starts[r]..Starts[r + 1]].</summary>
public readonly record struct FloatLists(float[] Values, int[] Starts)
{
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(Starts[row], Starts[row + 1] - Starts[row]);
}
