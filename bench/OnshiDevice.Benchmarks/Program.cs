using BenchmarkDotNet.Running;
using OnshiDevice.Benchmarks;

// Needs pcscd with the project's vpcd configuration: scripts/start-pcscd.
var summary = BenchmarkRunner.Run<CertificateReadBenchmarks>(args: args);
CertificateReadReport.Print(summary);
