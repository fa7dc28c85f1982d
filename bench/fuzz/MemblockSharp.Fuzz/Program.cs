using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;

namespace MemblockSharp.Fuzz;

/// <summary>
/// A coverage-guided fuzz loop of our own (SharpFuzz needs an instrumentation step and an external AFL/libFuzzer driver;
/// this runs in-process with no tools). Each input is a mutation of a corpus entry; an input whose coverage feature
/// (see <see cref="Features"/>) was never seen joins the corpus. Every exception that is not a
/// <see cref="FormatException"/> is a crash (saved, deduplicated by type and top frames); an input that runs longer than
/// the timeout is a hang (saved by the watchdog, then the process exits with 3). The current input is mirrored into a
/// memory-mapped file, so a fatal crash (stack overflow) leaves it behind too.
/// </summary>
/// <remarks>
/// Usage: <c>MemblockSharp.Fuzz HARNESS [--runs N] [--seed S] [--timeout-ms T] [--out DIR] [--data DIR]</c>;
/// <c>MemblockSharp.Fuzz HARNESS --replay FILE...</c> runs saved inputs once and prints each outcome.
/// </remarks>
internal static class Program
{
    private static long _startedTicks;
    private static byte[] _current = [];

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: MemblockSharp.Fuzz fdt|log|script|conformance|boot [--runs N] [--seed S] [--timeout-ms T] [--out DIR] [--data DIR] | --replay FILE...");
            return 2;
        }
        var harness = Harness.Create(args[0]);
        long runs = 10_000_000;
        int seed = 1, timeoutMs = 10_000;
        string? outDir = null, dataDir = null;
        var replay = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = long.Parse(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i]); break;
                case "--timeout-ms": timeoutMs = int.Parse(args[++i]); break;
                case "--out": outDir = args[++i]; break;
                case "--data": dataDir = args[++i]; break;
                case "--replay": replay.AddRange(args[(i + 1)..]); i = args.Length; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }
        dataDir ??= Path.Combine(RepoRoot(), "tests", "data");
        outDir ??= Path.Combine(RepoRoot(), "bench", "fuzz", "out");
        if (replay.Count > 0)
        {
            _ = harness.Seeds(dataDir).Count(); // some harnesses load fixed inputs (the EFI board's DTB) with their seeds
            return Replay(harness, replay);
        }
        return Fuzz(harness, runs, seed, timeoutMs, dataDir, Path.Combine(outDir, harness.Name));
    }

    private static int Replay(Harness harness, List<string> files)
    {
        int bad = 0;
        foreach (var file in files)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                ulong feature = harness.Execute(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok (feature {feature:x16}) in {sw.Elapsed.TotalMilliseconds:F1} ms");
            }
            catch (Exception ex)
            {
                bad++;
                Console.WriteLine($"{file}: CRASH in {sw.Elapsed.TotalMilliseconds:F1} ms: {ex}");
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private static int Fuzz(Harness harness, long runs, int seed, int timeoutMs, string dataDir, string outDir)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "crashes"));
        Directory.CreateDirectory(Path.Combine(outDir, "hangs"));
        var random = new Random(seed);
        var corpus = new List<byte[]>();
        var features = new HashSet<ulong>();
        var crashSignatures = new HashSet<string>();
        int crashes = 0, slow = 0;
        double slowestMs = 0;

        using var mmf = MemoryMappedFile.CreateFromFile(Path.Combine(outDir, "current.bin"), FileMode.Create, null, harness.MaxLength + 8);
        using var view = mmf.CreateViewAccessor();
        StartWatchdog(harness, outDir, timeoutMs, view);

        // Seeds: every one runs once; each new feature keeps its seed.
        foreach (var s in harness.Seeds(dataDir))
        {
            var sw = Stopwatch.StartNew();
            var f = RunOne(harness, s, view, outDir, crashSignatures, ref crashes);
            if (f is { } feature && features.Add(feature) || corpus.Count < 8)
                corpus.Add(s);
            slowestMs = Math.Max(slowestMs, sw.Elapsed.TotalMilliseconds);
        }
        int seedCount = corpus.Count;
        Console.WriteLine($"[{harness.Name}] seeds kept {seedCount}, features {features.Count}, slowest seed {slowestMs:F1} ms");

        var mutator = new Mutator(random, harness.MaxLength, harness.Text, harness.Dictionary);
        var total = Stopwatch.StartNew();
        var lastReport = total.Elapsed;
        const int MaxCorpus = 8192;
        for (long n = 1; n <= runs; n++)
        {
            var parent = corpus[random.Next(corpus.Count)];
            var input = mutator.Mutate(parent, corpus);
            long t0 = Stopwatch.GetTimestamp();
            var f = RunOne(harness, input, view, outDir, crashSignatures, ref crashes);
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (ms > 1000)
            {
                slow++;
                File.WriteAllBytes(Path.Combine(outDir, "hangs", $"slow-{ms:F0}ms-{Hash(input)}.bin"), input);
            }
            slowestMs = Math.Max(slowestMs, ms);
            if (f is { } feature && features.Add(feature))
            {
                if (corpus.Count < MaxCorpus)
                    corpus.Add(input);
                else
                    corpus[seedCount + random.Next(MaxCorpus - seedCount)] = input;
            }
            if (total.Elapsed - lastReport > TimeSpan.FromSeconds(30) || n == runs)
            {
                lastReport = total.Elapsed;
                string line = $"[{harness.Name}] execs {n} in {total.Elapsed.TotalSeconds:F0} s ({n / total.Elapsed.TotalSeconds:F0}/s), " +
                    $"features {features.Count}, corpus {corpus.Count}, crashes {crashes} ({crashSignatures.Count} distinct), " +
                    $"slow(>1s) {slow}, slowest {slowestMs:F1} ms";
                Console.WriteLine(line);
                File.WriteAllText(Path.Combine(outDir, "status.txt"), line + "\n");
            }
        }
        Directory.CreateDirectory(Path.Combine(outDir, "corpus"));
        foreach (var entry in corpus.Skip(seedCount))
            File.WriteAllBytes(Path.Combine(outDir, "corpus", Hash(entry) + ".bin"), entry);
        return crashes == 0 ? 0 : 1;
    }

    private static ulong? RunOne(Harness harness, byte[] input, MemoryMappedViewAccessor view, string outDir,
        HashSet<string> crashSignatures, ref int crashes)
    {
        view.Write(0, input.Length);
        view.WriteArray(8, input, 0, input.Length);
        Volatile.Write(ref _current, input);
        Volatile.Write(ref _startedTicks, Stopwatch.GetTimestamp());
        try
        {
            return harness.Execute(input);
        }
        catch (Exception ex)
        {
            crashes++;
            var frames = new StackTrace(ex, false).GetFrames().Take(3).Select(f => f.GetMethod()?.Name ?? "?");
            string signature = ex.GetType().Name + "@" + string.Join("<", frames);
            if (crashSignatures.Add(signature))
            {
                string name = $"crash-{Sanitize(signature)}-{Hash(input)}";
                File.WriteAllBytes(Path.Combine(outDir, "crashes", name + ".bin"), input);
                File.WriteAllText(Path.Combine(outDir, "crashes", name + ".txt"), ex.ToString());
                Console.WriteLine($"[{harness.Name}] CRASH {signature}: {ex.Message}");
            }
            return null;
        }
        finally
        {
            Volatile.Write(ref _startedTicks, 0);
        }
    }

    private static void StartWatchdog(Harness harness, string outDir, int timeoutMs, MemoryMappedViewAccessor view)
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(250);
                long started = Volatile.Read(ref _startedTicks);
                if (started != 0 && Stopwatch.GetElapsedTime(started).TotalMilliseconds > timeoutMs)
                {
                    var input = Volatile.Read(ref _current);
                    var path = Path.Combine(outDir, "hangs", $"hang-{Hash(input)}.bin");
                    File.WriteAllBytes(path, input);
                    Console.WriteLine($"[{harness.Name}] HANG (> {timeoutMs} ms): {path}");
                    view.Flush();
                    Environment.Exit(3);
                }
            }
        }) { IsBackground = true, Name = "watchdog" };
        thread.Start();
    }

    private static string Hash(byte[] input) => Convert.ToHexStringLower(SHA1.HashData(input))[..12];

    private static string Sanitize(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(80).ToArray());

    private static string RepoRoot()
    {
        var dir = File.Exists(Path.Combine(Environment.CurrentDirectory, "MemblockSharp.slnx")) ? Environment.CurrentDirectory : AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "MemblockSharp.slnx")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("cannot find the repository root (MemblockSharp.slnx)");
    }
}
