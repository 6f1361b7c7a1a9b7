namespace RobustGrid.Core.Data;

/// <summary>A dataset cannot be used: a missing directory or file, an unknown class, inconsistent splits.</summary>
public class DatasetException : Exception
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
