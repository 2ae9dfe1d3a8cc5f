namespace OnshiDevice.IntegrationTests;

/// <summary>What an in-process `onshi` run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error, byte[] RawOutput);
