using System.Runtime.InteropServices;
using MemblockSharp.Scripts;

namespace MemblockSharp.Bench;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared, loaded machine the wall time of
/// a run includes the time the thread waited for a core; its CPU time does not, so before/after comparisons made under
/// load are steadier with it. The baseline's figures are wall times; this is only a second opinion.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>The bytes the last run of <see cref="BestNanosecondsPerOp"/> allocated on the managed heap.</summary>
    public static long LastRunAllocatedBytes { get; private set; }

    /// <summary>The thread's CPU time so far, in nanoseconds.</summary>
    public static long Now()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    /// <summary>The least thread CPU time of <paramref name="runs"/> fresh runs of <paramref name="script"/> (after the caller's warm-up), in ns per op.</summary>
    public static double BestNanosecondsPerOp(OpScript script, MemblockOptions options, int runs)
    {
        long best = long.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            long start = Now();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            OpScriptRunner.Run(script, options);
            LastRunAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            best = Math.Min(best, Now() - start);
        }
        return (double)best / Math.Max(1, script.Ops.Count);
    }
}
