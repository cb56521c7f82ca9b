using BenchmarkDotNet.Running;

// Run in Release (docs/benchmarks.md):
//   dotnet run -c Release --project bench/Stadtwerk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Stadtwerk.Benchmarks.BillCalculationBenchmarks).Assembly).Run(args);
