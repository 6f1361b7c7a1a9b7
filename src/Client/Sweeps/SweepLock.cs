namespace RobustGrid.Client.Sweeps;

/// <summary>
/// One writer per sweep: a file <c>&lt;results&gt;/.state/locks/&lt;id&gt;.lock</c> held open with
/// <see cref="FileShare.None"/> (an OS lock on Linux, macOS and Windows) for as long as a process runs the sweep.
/// The OS drops the lock when the process dies however it dies, so a lock file left by a killed process never
/// blocks: it is only a file, and the next process takes it.
/// </summary>
public sealed class SweepLock : IDisposable
{
    private readonly FileStream _file;

    private SweepLock(FileStream file) => _file = file;

    /// <summary>The lock of sweep <paramref name="sweepId"/> under <paramref name="resultsRoot"/>, or null while another process holds it.</summary>
    public static SweepLock? TryAcquire(string resultsRoot, string sweepId)
    {
        string directory = Directory.CreateDirectory(Path.Combine(resultsRoot, ".state", "locks")).FullName;
        try
        {
            return new SweepLock(new FileStream(Path.Combine(directory, sweepId + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The one line a second process prints when it is refused.</summary>
    public static string HeldMessage(string resultsRoot, string sweepId) =>
        $"sweep {sweepId} is being run by another robustgrid process on {resultsRoot}; wait for it to end (then the same command finishes at once) or stop it first.";

    // The file stays: deleting it could let a third process lock a new file while a second still holds the old one.
    public void Dispose() => _file.Dispose();
}
