using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>Damaged logs: reading and replaying either succeeds or throws the located format exception, never anything else.</summary>
public class MutatedLogTests
{
    [Theory]
    [InlineData("virt-armhf-512M", "dmesg.txt", 1)]
    [InlineData("virt-arm64-256M", "dmesg.txt", 2)]
    [InlineData("virt-arm64-2G-uefi-dt", "kernel-log-full.txt", 3)]
    public void ReadAndReplay_RandomlyDamagedLog_NeverCrashes(string @case, string file, int seed)
    {
        var original = File.ReadAllLines(TestData.Path("realboot", @case, file));
        var random = new Random(seed);
        int formatErrors = 0, replays = 0;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            var lines = original.ToList();
            for (int m = random.Next(1, 6); m > 0; m--)
                Mutate(lines, random);
            try
            {
                var log = KernelLogReader.Read(string.Join('\n', lines), "damaged.txt");
                var result = LogReplayer.Replay(log);
                Assert.Equal(result.Memblock.Reserved.TotalSize, result.Account.ByCategory.Aggregate(0UL, (s, e) => s + e.Bytes));
                replays++;
            }
            catch (KernelLogFormatException ex)
            {
                Assert.True(ex.LineNumber >= 0 && ex.LineNumber <= lines.Count + 1, ex.Message);
                formatErrors++;
            }
        }
        Assert.True(replays > 0 && formatErrors > 0, $"replays {replays}, format errors {formatErrors}");
    }

    private static void Mutate(List<string> lines, Random random)
    {
        int i = random.Next(lines.Count);
        switch (random.Next(6))
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(i, lines[random.Next(lines.Count)]);
                break;
            case 2:
                lines[i] = lines[i][..random.Next(lines[i].Length + 1)];
                break;
            case 3:
                var chars = lines[i].ToCharArray();
                if (chars.Length > 0)
                    chars[random.Next(chars.Length)] = "0123456789abcdefx[]-: "[random.Next(22)];
                lines[i] = new string(chars);
                break;
            case 4:
                (lines[i], lines[^1]) = (lines[^1], lines[i]);
                break;
            default:
                lines.RemoveRange(i, Math.Min(lines.Count - i, random.Next(1, 50)));
                break;
        }
        if (lines.Count == 0)
            lines.Add("x");
    }
}
