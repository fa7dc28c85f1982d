using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MemblockSharp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MemblockSharp.Benchmarks.CoreBenchmarks).Assembly).Run(args);
