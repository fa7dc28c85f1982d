using System.Diagnostics;

namespace MemblockSharp.Scripts;

/// <summary>The timing of a script: the best of several fresh runs, after the code has been warmed up.</summary>
/// <param name="Best">The fastest run.</param>
/// <param name="Runs">How many runs were timed.</param>
/// <param name="Result">The state after the last run (every run ends in the same state).</param>
/// <param name="Ops">The number of ops in the script.</param>
public sealed record OpScriptTiming(TimeSpan Best, int Runs, OpScriptResult Result, int Ops)
{
    /// <summary>Nanoseconds per op of the best run.</summary>
    public double NanosecondsPerOp => Best.TotalNanoseconds / Math.Max(1, Ops);
}

/// <summary>
/// Times op scripts the way the native baseline was timed: the script is loaded first, every run starts from a fresh
/// memblock, and the best of <see cref="TimedRuns"/> runs counts. Unlike C, .NET compiles hot code a second time with
/// full optimisation after it has run for a while, so untimed warm-up runs come first.
/// </summary>
public static class OpScriptBench
{
    /// <summary>The number of timed runs.</summary>
    public const int TimedRuns = 5;

    /// <summary>Warm-up goes on until this much time has passed (or <see cref="MaxWarmupRuns"/> runs).</summary>
    public static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most warm-up runs: enough for a short script (W2 runs in about 1.5 ms) to keep running for the whole
    /// <see cref="WarmupTime"/>, since the runtime promotes hot code to its optimised tier only after a delay.
    /// </summary>
    public const int MaxWarmupRuns = 5000;

    /// <summary>Warms up, then times <see cref="TimedRuns"/> fresh runs of <paramref name="script"/>.</summary>
    /// <param name="script">The loaded script.</param>
    /// <param name="options">Build parameters; the baseline's when null.</param>
    /// <returns>The best time and the final state.</returns>
    public static OpScriptTiming Time(OpScript script, MemblockOptions? options = null)
    {
        var warmup = Stopwatch.StartNew();
        var result = OpScriptRunner.Run(script, options);
        for (int run = 1; run < MaxWarmupRuns && warmup.Elapsed < WarmupTime; run++)
            result = OpScriptRunner.Run(script, options);

        var best = TimeSpan.MaxValue;
        for (int run = 0; run < TimedRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            result = OpScriptRunner.Run(script, options);
            watch.Stop();
            if (watch.Elapsed < best)
                best = watch.Elapsed;
        }
        return new OpScriptTiming(best, TimedRuns, result, script.Ops.Count);
    }
}
