namespace OnshiDevice.TestSupport;

/// <summary>A program run to its end: its exit code and everything it wrote.</summary>
public sealed record ProgramResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
