using System.Diagnostics;

namespace RobustGrid.Client.Diagnostics;

/// <summary>
/// With ROBUSTGRID_TIMINGS=1, prints to stderr how long after the process started each stage of a command ended (and
/// the JIT time so far): where a fresh process spends its time. Silent otherwise.
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
        TimeSpan sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.Error.WriteLine($"[timings] {sinceStart.TotalSeconds,7:0.000} s  {stage} (JIT so far {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods)");
    }
}
