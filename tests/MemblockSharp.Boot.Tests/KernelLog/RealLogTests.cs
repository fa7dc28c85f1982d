using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.KernelLog;

/// <summary>The reader against every recorded real boot log.</summary>
public class RealLogTests
{
    public static TheoryData<string, string> AllLogs()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("realboot")).Order(StringComparer.Ordinal))
        {
            foreach (var name in new[] { "dmesg.txt", "kernel-log-full.txt", "console.log" })
            {
                if (File.Exists(Path.Combine(dir, name)))
                    data.Add(Path.GetFileName(dir), name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllLogs))]
    public void Read_RealLog_EveryMemblockLineIsRecognised(string @case, string file)
    {
        string path = TestData.Path("realboot", @case, file);
        var log = KernelLogReader.ReadFile(path);
        var raw = File.ReadAllLines(path);

        // Count the memblock call lines in the raw text outside console sections, independently of the reader.
        int expected = 0;
        bool inSection = false;
        foreach (var line in raw)
        {
            if (line.StartsWith("@@@BEGIN", StringComparison.Ordinal)) inSection = true;
            else if (line.StartsWith("@@@END", StringComparison.Ordinal)) inSection = false;
            else if (!inSection && System.Text.RegularExpressions.Regex.IsMatch(line, @"\] memblock_\w+: "))
                expected++;
        }
        int parsed = log.Entries.Count(e => e is MemblockRangeCall or MemblockAllocCall);
        Assert.Equal(expected, parsed);
        Assert.DoesNotContain(log.Entries, e => e is UnknownMemblockLine);
        Assert.Equal(file == "dmesg.txt" && !CaseJson(@case).Contains("\"dmesg_txt_complete\": true", StringComparison.Ordinal) ? true : false, log.HeadLost);
    }

    [Theory]
    [MemberData(nameof(AllLogs))]
    public void Read_RealLog_DumpsMatchTheirOwnCounts(string @case, string file)
    {
        var log = KernelLogReader.ReadFile(TestData.Path("realboot", @case, file));
        foreach (var dump in log.Dumps)
        {
            Assert.Equal(dump.MemorySize, dump.Memory.Aggregate(0UL, (s, r) => s + r.Size));
            Assert.Equal(dump.ReservedSize, dump.Reserved.Aggregate(0UL, (s, r) => s + r.Size));
        }
    }

    private static string CaseJson(string @case) => File.ReadAllText(TestData.Path("realboot", @case, "case.json"));
}
