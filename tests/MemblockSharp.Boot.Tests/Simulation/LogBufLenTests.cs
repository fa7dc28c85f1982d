using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// setup_log_buf's rule (kernel/printk/printk.c): log_buf_len= rounded up to a power of two counts only when larger than
/// the static 128 KiB buffer; otherwise more than 17 possible CPUs ask for 128 KiB + 4 KiB per further CPU; over 2 GiB is
/// capped; a buffer memblock cannot give is reported and the boot goes on.
/// </summary>
public sealed class LogBufLenTests
{
    private static byte[] Board(int cpus)
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.BeginNode("memory@40000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0x4000_0000, 0, 0x4000_0000).EndNode();
        w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
        for (uint cpu = 0; cpu < cpus; cpu++)
            w.BeginNode($"cpu@{cpu}").PropertyStrings("device_type", "cpu").PropertyCells("reg", cpu).EndNode();
        w.EndNode();
        w.EndNode();
        return w.Finish();
    }

    private static BootResult Boot(int cpus, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
        Dtb = Board(cpus),
        CommandLine = cmdline,
    });

    private static string? LogBufLine(BootResult r) => r.Log.FirstOrDefault(l => l.StartsWith("printk: log_buf", StringComparison.Ordinal));

    [Theory]
    [InlineData(4, "console=ttyAMA0", null)]
    [InlineData(32, "console=ttyAMA0", "printk: log_buf_len: 262144 bytes")] // 31 × 4 KiB > 64 KiB: 128 + 124 KiB → 256 KiB
    [InlineData(32, "console=ttyAMA0 log_buf_len=64K", "printk: log_buf_len: 262144 bytes")] // not larger than the static one: the CPUs' share still counts
    [InlineData(32, "console=ttyAMA0 log_buf_len=1M", "printk: log_buf_len: 1048576 bytes")]
    [InlineData(4, "console=ttyAMA0 log_buf_len=129K", "printk: log_buf_len: 262144 bytes")] // rounded up to a power of two
    [InlineData(4, "console=ttyAMA0 log_buf_len=128K", null)]
    public void TheBufferTheKernelAllocates(int cpus, string cmdline, string? line)
    {
        var r = Boot(cpus, cmdline);
        Assert.Equal(line, LogBufLine(r));
        ulong allocated = (ulong)r.Costs.Where(c => c.Category == "log buffer").Sum(c => c.Bytes);
        ulong len = line is null ? 0 : ulong.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        // The text, then 1/32 as many descriptors (24 bytes) and printk_info records (88 bytes).
        Assert.Equal(len + (len >> 5) * (24 + 88), allocated);
    }

    [Fact]
    public void OverTwoGiB_IsCapped_AndABufferThatDoesNotFit_IsReported()
    {
        var r = Boot(4, "console=ttyAMA0 log_buf_len=3G");
        Assert.Contains("printk: log_buf over 2G is not supported.", r.Log);
        // 2 GiB do not fit in 1 GiB of RAM: the kernel says so and keeps its static buffer.
        Assert.Contains("printk: log_buf_len: 2147483648 text bytes not available", r.Log);
        Assert.DoesNotContain(r.Costs, c => c.Category == "log buffer");
        Assert.Equal(Boot(4, "console=ttyAMA0 loglevel=00007").MemTotalKb, r.MemTotalKb);
    }
}
