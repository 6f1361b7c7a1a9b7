using System.Diagnostics;

namespace RobustGrid.Client.Diagnostics;

/// <summary>
/// With ROBUSTGRID_TIMINGS=1, prints to stderr how long after the process started each stage of a command ended (and
/// the JIT time, the process's CPU time, the GC's collections and pauses and the bytes allocated so far): where a fresh process spends its
/// time. Silent otherwise.
/// </summary>
internal static class StageTimer
{
    private static readonly bool _enabled = Environment.GetEnvironmentVariable("ROBUSTGRID_TIMINGS") == "1";

    public static void Mark(string stage)
    {
        if (!_enabled)
        {
            return;
        }
        using Process process = Process.GetCurrentProcess();
        TimeSpan sinceStart = DateTime.Now - process.StartTime;
        Console.Error.WriteLine($"[timings] {sinceStart.TotalSeconds,7:0.000} s  {stage} (so far: CPU {process.TotalProcessorTime.TotalSeconds:0.00} s; " +
            $"JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods; " +
            $"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of gen 0/1/2, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms paused, " +
            $"{GC.GetTotalAllocatedBytes() / 1e6:0} MB allocated)");
    }
}
