using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli;

/// <summary>A failure the CLI reports as one line, with the reason in brackets when there is one; a usage one exits with 1.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException(string message, ErrorReason reason)
        : base(message)
    {
        Reason = reason.ToWire();
    }

    /// <summary>The reason in brackets, spelled as the service would send it; null when there is none.</summary>
    public string? Reason { get; }

    /// <summary>Whether the command line itself is wrong (exit code 1, like a parse error), not the call.</summary>
    public bool IsUsage { get; private init; }

    /// <summary>A command line the CLI will not run (an address it refuses, a file that is not there): exit code 1.</summary>
    public static CliException Usage(string message) => new(message) { IsUsage = true };
}
