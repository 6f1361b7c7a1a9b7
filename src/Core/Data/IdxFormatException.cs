namespace RobustGrid.Core.Data;

/// <summary>A file is not a valid IDX file of the expected kind. The message names the file and the fault.</summary>
public sealed class IdxFormatException : DatasetException
{
    public IdxFormatException(string filePath, string fault, Exception? innerException = null)
        : base($"{filePath}: {fault}", innerException ?? new InvalidDataException(fault))
    {
        FilePath = filePath;
        Fault = fault;
    }

    /// <summary>The file (or resource) at fault.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Fault { get; }
}
