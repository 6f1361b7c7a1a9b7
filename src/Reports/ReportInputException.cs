namespace RobustGrid.Reports;

/// <summary>A sweep directory a report cannot be drawn from; the message says which file and why.</summary>
public sealed class ReportInputException : Exception
{
    public ReportInputException(string message) : base(message)
    {
    }

    public ReportInputException(string message, Exception inner) : base(message, inner)
    {
    }
}
