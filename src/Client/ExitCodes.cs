namespace RobustGrid.Client;

/// <summary>The process exit codes of every robustgrid command.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The input was fine but the work failed (a run, a download).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or bad input files; nothing was done.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT); whatever had finished is kept.</summary>
    public const int Interrupted = 130;
}
