using System.IO.Compression;
using System.Text;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Hostile;

/// <summary>
/// Random byte mutations of real DTBs, logs, scripts and vectors (fixed seeds, so a failure reproduces) through every
/// command, in-process: each run must end within its time limit with exit 0, 1 or 2, and an exit 2 must be the one-line
/// bad-input error, never an internal error. The long fuzz runs live in bench/fuzz; this is their quick guard in CI.
/// </summary>
public class MutationTests
{
    /// <summary>Per-call limit; generous because the test machine is shared (a real run takes well under a second).</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(60);

    private const int Mutants = 24;

    public static TheoryData<string> Dtbs => new()
    {
        "realboot/virt-arm64-1G-reserved-memory/board.dtb",
        "realboot/virt-armhf-2G-highmem/board.dtb",
        "dtbs/dtc-tests/test_tree1.dtb",
    };

    [Theory]
    [MemberData(nameof(Dtbs))]
    public void MutatedDtb_EveryDtCommandAndBoot_ExitsCleanly(string relative)
    {
        var original = File.ReadAllBytes(TestData.Path(relative.Split('/')));
        var log = Excerpt(HostileFiles.Real("virt-arm64-1G-reserved-memory", "kernel-log-full.txt"), 400);
        using var files = new HostileFiles();
        var logPath = files.Write("boot.log", log);
        var random = new Random(relative.Length * 7919 + 1);
        for (int i = 0; i < Mutants; i++)
        {
            var path = files.Write($"m{i}.dtb", Mutate(original, random, binary: true));
            Check(path, "dt", path);
            Check(path, "dt", path, "--memory");
            Check(path, "dt", path, "--memory", "--arch", "arm32-lpae");
            Check(path, "dt", path, "/reserved-memory");
            if (i % 3 == 0)
            {
                Check(path, "lint", path);
                Check(path, "boot", path);
                Check(path, "replay", logPath, "--dtb", path, "--debugfs-out", files.Path($"out{i}"));
            }
            if (i % 3 == 1)
            {
                Check(path, "diff", TestData.Path(relative.Split('/')), path);
                Check(path, "diff", path, TestData.Path(relative.Split('/')), "--json");
                Check(path, "boot", path, "--what-if", "cma=32M crashkernel=64M mem=512M", "--svg", files.Path($"map{i}.svg"));
                Check(path, "lint", path, "--json");
            }
        }
    }

    [Theory]
    [InlineData("virt-arm64-1G-reserved-memory", "kernel-log-full.txt")]
    [InlineData("virt-arm64-2G-uefi-dt", "kernel-log-full.txt")]
    [InlineData("virt-armhf-512M", "dmesg.txt")]
    public void MutatedLog_ReplayAndEfiBoot_ExitCleanly(string @case, string file)
    {
        var original = Excerpt(HostileFiles.Real(@case, file), 600);
        using var files = new HostileFiles();
        var random = new Random(@case.Length * 104729 + file.Length);
        for (int i = 0; i < Mutants; i++)
        {
            var path = files.Write($"m{i}.log", Mutate(original, random, binary: false));
            Check(path, "replay", path);
            if (i % 4 == 0)
            {
                Check(path, "replay", path, "--json", "--debugfs-out", files.Path($"out{i}"));
                Check(path, "boot", "--efi-log", path);
            }
        }
    }

    [Theory]
    [InlineData("W2.txt.gz", 400)]
    [InlineData("W4.txt.gz", 400)]
    public void MutatedScript_ExitsCleanly(string name, int lines)
    {
        var original = Excerpt(TestData.Path("bench", name), lines);
        using var files = new HostileFiles();
        var random = new Random(name[1] * 31);
        for (int i = 0; i < Mutants * 2; i++)
        {
            var bytes = Mutate(original, random, binary: false);
            var path = i % 5 == 0 ? files.Gzip($"m{i}.txt.gz", bytes) : files.Write($"m{i}.txt", bytes);
            Check(path, "script", path, "--tables");
        }
    }

    [Fact]
    public void MutatedConformanceVectors_ExitCleanly()
    {
        var original = Excerpt(TestData.Path("conformance", "handcrafted.jsonl.gz"), 6);
        using var files = new HostileFiles();
        var random = new Random(6151);
        for (int i = 0; i < Mutants * 2; i++)
        {
            var path = files.Write($"m{i}.jsonl", Mutate(original, random, binary: false));
            Check(path, "conformance", path);
        }
    }

    /// <summary>Runs one command with a time limit and checks the exit code and the shape of the error.</summary>
    private static void Check(string input, params string[] args)
    {
        var task = Task.Run(() => CliRunner.Run(args));
        if (!task.Wait(CallLimit))
        {
            var kept = KeepFailure(input);
            Assert.Fail($"memblock {string.Join(' ', args)} did not finish in {CallLimit.TotalSeconds} s (input kept as {kept})");
        }
        var r = task.Result;
        if (r.ExitCode is not (0 or 1 or 2) || r.Stderr.Contains("internal error", StringComparison.Ordinal)
            || (r.ExitCode == 2 && r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length != 1))
        {
            var kept = KeepFailure(input);
            Assert.Fail($"memblock {string.Join(' ', args)} exited {r.ExitCode} (input kept as {kept}):\n{r.Stderr}");
        }
    }

    /// <summary>Copies a failing input out of the scratch directory, so it can become a regression file.</summary>
    private static string KeepFailure(string input)
    {
        var kept = Path.Combine(Path.GetTempPath(), "memblock-mutation-failure-" + Guid.NewGuid().ToString("N")[..8] + Path.GetExtension(input));
        File.Copy(input, kept);
        return kept;
    }

    /// <summary>The first <paramref name="lines"/> lines of a text file (plain or .gz).</summary>
    private static byte[] Excerpt(string path, int lines)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var sb = new StringBuilder();
        for (int i = 0; i < lines && reader.ReadLine() is { } line; i++)
            sb.Append(line).Append('\n');
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>1 to 8 random edits: bit flips, byte sets, 32-bit big-endian extremes (binary), inserts, deletes, truncation, digit changes (text).</summary>
    private static byte[] Mutate(byte[] original, Random random, bool binary)
    {
        var data = new List<byte>(original);
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits && data.Count > 0; e++)
        {
            int at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    if (binary && at + 4 <= data.Count)
                    {
                        uint[] extremes = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc, 64];
                        uint v = extremes[random.Next(extremes.Length)];
                        at &= ~3;
                        data[at] = (byte)(v >> 24); data[at + 1] = (byte)(v >> 16); data[at + 2] = (byte)(v >> 8); data[at + 3] = (byte)v;
                    }
                    else
                    {
                        data[at] = (byte)"0123456789abcdefx-\n :[]"[random.Next(23)];
                    }
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                    break;
                case 5:
                    if (random.Next(4) == 0)
                        data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    {
                        int from = random.Next(data.Count), len = Math.Min(1 + random.Next(64), data.Count - from);
                        data.InsertRange(at, data.GetRange(from, len));
                        break;
                    }
            }
        }
        return data.ToArray();
    }
}
