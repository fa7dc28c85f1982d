// Where did my RAM go? Boots a device tree (or the bundled QEMU virt board) with a built-in Linux kernel profile
// through the MemblockSharp.Boot package and prints MemTotal and what took the rest, by category.
//
//   dotnet run --project examples/WhereDidMyRamGo --no-restore -- [board.dtb] [profile] ["kernel command line"]
//   (after restoring it from the packed packages: examples/README.md)
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

string? dtbPath = args.Length > 0 ? args[0] : null;
string profileName = args.Length > 1 ? args[1] : BuiltInProfiles.DebianArm64;
if (!BuiltInProfiles.TryGet(profileName, out var profile))
{
    Console.Error.WriteLine($"unknown profile '{profileName}'; built in: {string.Join(", ", BuiltInProfiles.Names)}");
    return 2;
}

var options = new BootOptions
{
    Profile = profile,
    Dtb = dtbPath is null ? BundledBoards.VirtArm64() : File.ReadAllBytes(dtbPath),
    CommandLine = args.Length > 2 ? args[2] : null,
};

BootResult result;
try
{
    result = BootSimulator.Run(options);
}
catch (FormatException e) // a malformed DTB (FdtException) or inputs that cannot boot (BootInputException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"{dtbPath ?? BundledBoards.VirtArm64Name} with {result.Profile}");
Console.WriteLine($"Memory: {result.MemoryLine}");
Console.WriteLine($"RAM       {result.RamBytes / 1024,10} kB");
Console.WriteLine($"MemTotal  {result.MemTotalKb,10} kB");
foreach (var cost in result.Costs.OrderByDescending(c => c.Bytes))
    Console.WriteLine($"  {cost.Category,-40} {cost.Bytes / 1024,10} kB");
foreach (var warning in result.Warnings)
    Console.WriteLine($"not exact: {warning}");
return 0;
